import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1763920000000 implements MigrationInterface {
  name = 'Notifications1763920000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "notify_sms" boolean NOT NULL DEFAULT true
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "notify_email" boolean NOT NULL DEFAULT true
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "quiet_hours_start" character varying(5)
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "quiet_hours_end" character varying(5)
        `);
    await queryRunner.query(`
            ALTER TABLE "dev_sms_message"
            ADD "dedup_key" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD "claimed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD "provider_message_id" character varying(100)
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dev_sms_message_dedup" ON "dev_sms_message" ("dedup_key")
            WHERE dedup_key IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_dev_sms_message_dedup"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification" DROP COLUMN "provider_message_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification" DROP COLUMN "claimed_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "dev_sms_message" DROP COLUMN "dedup_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "quiet_hours_end"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "quiet_hours_start"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "notify_email"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "notify_sms"
        `);
  }
}
