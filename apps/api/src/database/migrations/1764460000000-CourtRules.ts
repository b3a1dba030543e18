import { MigrationInterface, QueryRunner } from 'typeorm';

/** R26 seal act, R33 refusal / supplement decision / approved extension, R35 fee schedule, R40 electronic service consent. */
export class CourtRules1764460000000 implements MigrationInterface {
  name = 'CourtRules1764460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "confirmation_application" ADD "refused_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" ADD "refusal_ground" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" ADD "refusal_note" text`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" ADD "extended_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" ADD "extension_approved_by" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" ADD "extension_approved_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "confirmation_supplement" ADD "decision" character varying(12)`);
    await queryRunner.query(`ALTER TABLE "confirmation_supplement" ADD "decided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "confirmation_supplement" ADD "decided_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "confirmation_supplement" ADD "decision_note" text`);
    await queryRunner.query(`ALTER TABLE "organisation" ADD "fee_schedule" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "agreement" ADD "sealed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "agreement" ADD "sealed_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "agreement" ADD "sealed_by_name" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "case_party" ADD "e_service_address" character varying(254)`);
    await queryRunner.query(`ALTER TABLE "case_party" ADD "e_service_consent_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_party" DROP COLUMN "e_service_consent_at"`);
    await queryRunner.query(`ALTER TABLE "case_party" DROP COLUMN "e_service_address"`);
    await queryRunner.query(`ALTER TABLE "agreement" DROP COLUMN "sealed_by_name"`);
    await queryRunner.query(`ALTER TABLE "agreement" DROP COLUMN "sealed_by_id"`);
    await queryRunner.query(`ALTER TABLE "agreement" DROP COLUMN "sealed_at"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "fee_schedule"`);
    await queryRunner.query(`ALTER TABLE "confirmation_supplement" DROP COLUMN "decision_note"`);
    await queryRunner.query(`ALTER TABLE "confirmation_supplement" DROP COLUMN "decided_by_id"`);
    await queryRunner.query(`ALTER TABLE "confirmation_supplement" DROP COLUMN "decided_at"`);
    await queryRunner.query(`ALTER TABLE "confirmation_supplement" DROP COLUMN "decision"`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" DROP COLUMN "extension_approved_at"`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" DROP COLUMN "extension_approved_by"`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" DROP COLUMN "extended_by_id"`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" DROP COLUMN "refusal_note"`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" DROP COLUMN "refusal_ground"`);
    await queryRunner.query(`ALTER TABLE "confirmation_application" DROP COLUMN "refused_at"`);
  }
}
