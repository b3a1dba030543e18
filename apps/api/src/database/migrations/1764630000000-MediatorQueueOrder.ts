import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TARGETS P3 (issue #14, bench/scale.js): a mediator's queue walks the mediator's own open
 * assignments in the order of their cases' last activity, instead of walking every case of the
 * province newest first and probing each for an assignment. That walk cost (page size ÷ the
 * mediator's share of all cases) probes: 2,000 for a mediator with 1% of the cases, 40,000 for
 * one of 2,000 mediators. Now a page is one range of `ix_case_assignment_queue`, index only.
 *
 * `case_assignment.case_updated_at` is a copy of its case's `updated_at`, kept by PostgreSQL
 * itself (so no write path, raw SQL included, can forget it): set from the case when an
 * assignment is inserted (or moved to another case), and rewritten on every assignment of a
 * case when the case's `updated_at` changes.
 */
export class MediatorQueueOrder1764630000000 implements MigrationInterface {
  name = 'MediatorQueueOrder1764630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_assignment" ADD "case_updated_at" TIMESTAMP WITH TIME ZONE`);
    // The triggers first, then the copy: a case changed while the copy runs is caught by them.
    // The case is read FOR SHARE, so an insert racing a change of its case waits for it.
    await queryRunner.query(`
      CREATE FUNCTION "tj_assignment_case_updated_at"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT "updated_at" INTO NEW."case_updated_at" FROM "mediation_case" WHERE "id" = NEW."case_id" FOR SHARE;
        NEW."case_updated_at" := COALESCE(NEW."case_updated_at", NEW."assigned_at", now());
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_assignment_case_updated_at" BEFORE INSERT OR UPDATE OF "case_id" ON "case_assignment" FOR EACH ROW EXECUTE FUNCTION "tj_assignment_case_updated_at"()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "tj_case_updated_at_to_assignments"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "case_assignment" SET "case_updated_at" = NEW."updated_at" WHERE "case_id" = NEW."id" AND "case_updated_at" IS DISTINCT FROM NEW."updated_at";
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_case_updated_at_to_assignments" AFTER UPDATE OF "updated_at" ON "mediation_case" FOR EACH ROW WHEN (OLD."updated_at" IS DISTINCT FROM NEW."updated_at") EXECUTE FUNCTION "tj_case_updated_at_to_assignments"()`,
    );
    await queryRunner.query(`UPDATE "case_assignment" a SET "case_updated_at" = c."updated_at" FROM "mediation_case" c WHERE c."id" = a."case_id"`);
    // No foreign key holds an assignment to its case: one whose case is gone keeps its own time.
    await queryRunner.query(`UPDATE "case_assignment" SET "case_updated_at" = "assigned_at" WHERE "case_updated_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "case_assignment" ALTER COLUMN "case_updated_at" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_case_assignment_queue" ON "case_assignment" ("mediator_id", "case_updated_at" DESC, "case_id" DESC) WHERE "status" IN ('pending', 'accepted')`);
    // One open assignment per mediator and case (the services check it before inserting; this is
    // the backstop, and what keeps a case from appearing twice in a mediator's queue).
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_assignment_open" ON "case_assignment" ("case_id", "mediator_id") WHERE "status" IN ('pending', 'accepted')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_case_assignment_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_assignment_queue"`);
    await queryRunner.query(`DROP TRIGGER "trg_case_updated_at_to_assignments" ON "mediation_case"`);
    await queryRunner.query(`DROP FUNCTION "tj_case_updated_at_to_assignments"()`);
    await queryRunner.query(`DROP TRIGGER "trg_assignment_case_updated_at" ON "case_assignment"`);
    await queryRunner.query(`DROP FUNCTION "tj_assignment_case_updated_at"()`);
    await queryRunner.query(`ALTER TABLE "case_assignment" DROP COLUMN "case_updated_at"`);
  }
}
