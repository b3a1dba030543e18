import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TARGETS P3 (issue #14, bench/scale.js): a mediator's queue is a page of the cases assigned to
 * them, newest activity first. A busy mediator's history holds thousands of cases; instead of
 * reading all of them and sorting, the page walks ix_case_updated newest first (index only:
 * the page query reads ids) and checks each case against ix_case_assignment_case_mediator
 * (index only too), so a page costs about (page size ÷ the mediator's share of all cases)
 * probes, whatever the length of the history.
 */
export class MediatorQueueIndexes1764620000001 implements MigrationInterface {
  name = 'MediatorQueueIndexes1764620000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_case_updated" ON "mediation_case" ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_case_assignment_case_mediator" ON "case_assignment" ("case_id", "mediator_id", "status") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_case_assignment_case_mediator"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_updated"`);
  }
}
