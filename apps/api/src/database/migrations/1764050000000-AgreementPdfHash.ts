import { MigrationInterface, QueryRunner } from 'typeorm';

/** The public verification finds a signed agreement by its uploaded PDF's sha-256. */
export class AgreementPdfHash1764050000000 implements MigrationInterface {
  name = 'AgreementPdfHash1764050000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "ix_agreement_pdf_sha256" ON "agreement" ("pdf_sha256")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_agreement_pdf_sha256"
        `);
  }
}
