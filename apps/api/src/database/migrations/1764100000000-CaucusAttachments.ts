import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaucusAttachments1764100000000 implements MigrationInterface {
  name = 'CaucusAttachments1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_document"
            ADD "channel_id" uuid
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_document" DROP COLUMN "channel_id"
        `);
  }
}
