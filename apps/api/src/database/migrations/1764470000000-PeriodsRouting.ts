import { MigrationInterface, QueryRunner } from 'typeorm';

/** R30: each party's domicile and court choice; R20: time excluded from the mediation period; R07: each party's choice of mediator. */
export class PeriodsRouting1764470000000 implements MigrationInterface {
  name = 'PeriodsRouting1764470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_party" ADD "domicile_region" character varying(12)
        `);
    await queryRunner.query(`
            ALTER TABLE "case_party" ADD "court_choice_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "mediation_case" ADD "period_pauses" jsonb
        `);
    await queryRunner.query(`
            ALTER TABLE "case_party" ADD "mediator_choice_id" uuid
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_party" DROP COLUMN "mediator_choice_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "mediation_case" DROP COLUMN "period_pauses"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_party" DROP COLUMN "court_choice_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_party" DROP COLUMN "domicile_region"
        `);
  }
}
