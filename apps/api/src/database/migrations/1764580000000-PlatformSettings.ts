import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #13: platform settings a system admin changes in the console (the one-year LPR of the
 * R-consultation interest check, …). A key absent from the table reads as its coded default.
 */
export class PlatformSettings1764580000000 implements MigrationInterface {
  name = 'PlatformSettings1764580000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "platform_setting" ("key" character varying(64) NOT NULL, "value" text NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_platform_setting" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_log_created" ON "audit_log" ("created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_created"`);
    await queryRunner.query(`DROP TABLE "platform_setting"`);
  }
}
