import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TARGETS P3 (issue #14, bench/scale.js): the organisation's queue is a page of one
 * organisation's cases, newest activity first, by a (updated_at, id) cursor. With 1M cases an
 * organisation holds tens of thousands of them; this index lets the page walk that range in
 * order and stop after a page instead of reading and sorting all of them.
 */
export class CaseQueueIndexes1764620000000 implements MigrationInterface {
  name = 'CaseQueueIndexes1764620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_case_org_updated" ON "mediation_case" ("organisation_id", "updated_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_case_org_updated"`);
  }
}
