import { MigrationInterface, QueryRunner } from 'typeorm';

/** R10: each party's consent to a mediator who disclosed a conflict; R10/R11: requests for recusal or change of mediator. */
export class MediatorChange1764500000000 implements MigrationInterface {
  name = 'MediatorChange1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "mediator_change_request" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "party_id" uuid NOT NULL,
                "assignment_id" uuid NOT NULL,
                "kind" character varying(16) NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'open',
                "reason_code" character varying(32) NOT NULL,
                "reason_note" text NOT NULL,
                "requested_by_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "answer_by" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reminded_at" TIMESTAMP WITH TIME ZONE,
                "escalated_at" TIMESTAMP WITH TIME ZONE,
                "answered_by_id" uuid,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                "answer_note" text,
                "new_assignment_id" uuid,
                CONSTRAINT "PK_mediator_change_request" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "ix_mediator_change_case" ON "mediator_change_request" ("case_id", "status")`);
    await queryRunner.query(`CREATE INDEX "ix_mediator_change_due" ON "mediator_change_request" ("status", "answer_by")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_mediator_change_open" ON "mediator_change_request" ("assignment_id", "party_id") WHERE "status" = 'open'`);
    await queryRunner.query(`
            CREATE TABLE "conflict_consent" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "assignment_id" uuid NOT NULL,
                "party_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "consented_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_conflict_consent" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_conflict_consent" ON "conflict_consent" ("assignment_id", "party_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "conflict_consent"`);
    await queryRunner.query(`DROP TABLE "mediator_change_request"`);
  }
}
