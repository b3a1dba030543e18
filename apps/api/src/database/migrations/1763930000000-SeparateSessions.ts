import { MigrationInterface, QueryRunner } from 'typeorm';

export class SeparateSessions1763930000000 implements MigrationInterface {
  name = 'SeparateSessions1763930000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "conversation_channel" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "kind" character varying(8) NOT NULL,
                "party_id" uuid NOT NULL,
                "open" boolean NOT NULL DEFAULT false,
                "last_seq" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_91fdb6236859404ddf7c5f64377" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_channel_case" ON "conversation_channel" ("case_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_channel_case_kind_party" ON "conversation_channel" ("case_id", "kind", "party_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "channel_message" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "channel_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "sender_id" uuid NOT NULL,
                "sender_role" character varying(8) NOT NULL,
                "client_id" uuid NOT NULL,
                "kind" character varying(12) NOT NULL DEFAULT 'text',
                "body" text NOT NULL,
                "concession" boolean NOT NULL DEFAULT false,
                "shared_from_message_id" uuid,
                "document_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b01cf5d92374acdd654bcb61df7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_message_sender_client" ON "channel_message" ("sender_id", "client_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_message_channel_seq" ON "channel_message" ("channel_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "channel_read" (
                "channel_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "last_read_seq" integer NOT NULL DEFAULT '0',
                "read_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_335729aec769c83f2bbaa3cac4c" PRIMARY KEY ("channel_id", "user_id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "channel_read"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_message_channel_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_message_sender_client"
        `);
    await queryRunner.query(`
            DROP TABLE "channel_message"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_channel_case_kind_party"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_channel_case"
        `);
    await queryRunner.query(`
            DROP TABLE "conversation_channel"
        `);
  }
}
