import { MigrationInterface, QueryRunner } from 'typeorm';

/** R02: the version of the notice each party was shown, and how its own consent was given (platform or SMS code after staff filing). */
export class IdentityNotice1764490000000 implements MigrationInterface {
  name = 'IdentityNotice1764490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_party" ADD "notice_version" character varying(16)
        `);
    await queryRunner.query(`
            ALTER TABLE "case_party" ADD "consent_channel" character varying(16)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_party" DROP COLUMN "consent_channel"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_party" DROP COLUMN "notice_version"
        `);
  }
}
