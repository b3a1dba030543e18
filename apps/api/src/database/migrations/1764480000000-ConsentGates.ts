import { MigrationInterface, QueryRunner } from 'typeorm';

/** R12: the answer a respondent gave when the mediator reached it (agreed / refused / thinking). */
export class ConsentGates1764480000000 implements MigrationInterface {
  name = 'ConsentGates1764480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_party" ADD "contact_answer" character varying(16)
        `);
    await queryRunner.query(`
            ALTER TABLE "case_party" ADD "contact_answer_at" TIMESTAMP WITH TIME ZONE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_party" DROP COLUMN "contact_answer_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_party" DROP COLUMN "contact_answer"
        `);
  }
}
