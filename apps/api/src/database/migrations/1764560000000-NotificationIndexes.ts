import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two reads of the outbox that ran as whole-table scans: a case's notices of some templates
 * (the staff case view's read receipts, the escalation checks) and the unread in-app notices
 * by send time (the unread-escalation step of every deadline scan, issue #11).
 */
export class NotificationIndexes1764560000000 implements MigrationInterface {
  name = 'NotificationIndexes1764560000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_notification_case" ON "notification" ("case_id", "template") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_unread_in_app" ON "notification" ("sent_at") WHERE "channel" = 'in_app' AND "read_at" IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_unread_in_app"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_case"`);
  }
}
