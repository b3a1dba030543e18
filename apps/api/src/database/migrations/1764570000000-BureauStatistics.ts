import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #13: the 司法局 (justice bureau) with its staff memberships and the organisations it
 * supervises, and the indexes that keep the statistics dashboards index-driven: cases by
 * organisation / court / platform and filing time, complaints by organisation and filing time,
 * confirmation rulings by court and ruling time.
 */
export class BureauStatistics1764570000000 implements MigrationInterface {
  name = 'BureauStatistics1764570000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "justice_bureau" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "name_en" character varying(200), "region" character varying(12) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_justice_bureau" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "organisation" ADD "bureau_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_organisation_bureau" ON "organisation" ("bureau_id") `);
    await queryRunner.query(`ALTER TABLE "organisation" ADD CONSTRAINT "fk_organisation_bureau" FOREIGN KEY ("bureau_id") REFERENCES "justice_bureau"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "membership" ADD "bureau_id" uuid`);
    await queryRunner.query(`DROP INDEX "public"."uq_membership"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_membership" ON "membership" ("user_id", "organisation_id", "court_id", "bureau_id", "role") `);
    await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_bureau" FOREIGN KEY ("bureau_id") REFERENCES "justice_bureau"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE INDEX "ix_case_org_submitted" ON "mediation_case" ("organisation_id", "submitted_at") `);
    await queryRunner.query(`CREATE INDEX "ix_case_court_submitted" ON "mediation_case" ("court_id", "submitted_at") WHERE court_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_case_submitted" ON "mediation_case" ("submitted_at") `);
    await queryRunner.query(`CREATE INDEX "ix_complaint_org_filed" ON "complaint" ("organisation_id", "filed_at") `);
    await queryRunner.query(`CREATE INDEX "ix_confirmation_court_ruled" ON "confirmation_application" ("court_id", "ruled_at") WHERE ruled_at IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_confirmation_court_ruled"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_org_filed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_submitted"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_court_submitted"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_org_submitted"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_bureau"`);
    await queryRunner.query(`DROP INDEX "public"."uq_membership"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_membership" ON "membership" ("user_id", "organisation_id", "court_id", "role") `);
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "bureau_id"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "fk_organisation_bureau"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisation_bureau"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "bureau_id"`);
    await queryRunner.query(`DROP TABLE "justice_bureau"`);
  }
}
