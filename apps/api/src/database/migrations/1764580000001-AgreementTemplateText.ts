import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #13: a system admin's wording of a dispute type's agreement template (R25). */
export class AgreementTemplateText1764580000001 implements MigrationInterface {
  name = 'AgreementTemplateText1764580000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agreement_template_text" ("dispute_type" character varying(32) NOT NULL, "disputed_matters" text NOT NULL, "responsibilities" text NOT NULL, "other_terms" text NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_agreement_template_text" PRIMARY KEY ("dispute_type"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "agreement_template_text"`);
  }
}
