import { MigrationInterface, QueryRunner } from 'typeorm';

/** R38: complaints about a mediator or an organisation, their history and evidence. */
export class Complaints1764530000000 implements MigrationInterface {
  name = 'Complaints1764530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "complaint" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "complainant_id" uuid NOT NULL,
                "subject_kind" character varying(16) NOT NULL,
                "organisation_id" uuid NOT NULL,
                "mediator_id" uuid,
                "case_id" uuid,
                "ground" character varying(32) NOT NULL,
                "description" text NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'received',
                "outcome" character varying(16),
                "reasons" text,
                "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "acknowledge_by" TIMESTAMP WITH TIME ZONE NOT NULL,
                "decide_by" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ack_escalated_at" TIMESTAMP WITH TIME ZONE,
                "decide_escalated_at" TIMESTAMP WITH TIME ZONE,
                "handled_by_id" uuid,
                "investigating_at" TIMESTAMP WITH TIME ZONE,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "told_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_complaint" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "ix_complaint_org" ON "complaint" ("organisation_id", "status")`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_complainant" ON "complaint" ("complainant_id", "filed_at")`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_due" ON "complaint" ("status", "decide_by")`);
    await queryRunner.query(`
            CREATE TABLE "complaint_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "complaint_id" uuid NOT NULL,
                "seq" SERIAL NOT NULL,
                "type" character varying(32) NOT NULL,
                "internal" boolean NOT NULL DEFAULT false,
                "actor_id" uuid,
                "text" text,
                "outcome" character varying(16),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_complaint_event" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "ix_complaint_event" ON "complaint_event" ("complaint_id", "created_at")`);
    await queryRunner.query(`
            CREATE TABLE "complaint_evidence" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "complaint_id" uuid NOT NULL,
                "uploaded_by_id" uuid NOT NULL,
                "file_name" character varying(255) NOT NULL,
                "mime_type" character varying(100) NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character varying(64) NOT NULL,
                "storage_key" character varying(100) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_complaint_evidence" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "ix_complaint_evidence" ON "complaint_evidence" ("complaint_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "complaint_evidence"`);
    await queryRunner.query(`DROP TABLE "complaint_event"`);
    await queryRunner.query(`DROP TABLE "complaint"`);
  }
}
