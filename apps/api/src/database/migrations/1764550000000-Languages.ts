import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #11, languages: whether an account's language was chosen (a login on an English page
 * then sets it only when it was not), the language of a party known only by its mobile number
 * (its invitation SMS and email), and the English texts of organisations' and mediators'
 * public profiles (R05), shown when the page is in English.
 */
export class Languages1764550000000 implements MigrationInterface {
  name = 'Languages1764550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "locale_chosen_at" TIMESTAMP WITH TIME ZONE`);
    // An account already in English chose it: a login on a Chinese page must not undo that.
    await queryRunner.query(`UPDATE "app_user" SET "locale_chosen_at" = "updated_at" WHERE "locale" <> 'zh-CN'`);
    await queryRunner.query(`ALTER TABLE "case_party" ADD "locale" character varying(8)`);
    await queryRunner.query(`ALTER TABLE "organisation" ADD "name_en" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "organisation" ADD "description_en" text`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" ADD "name_en" character varying(100)`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" ADD "bio_en" text`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" ADD "expertise_en" text array`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mediator_profile" DROP COLUMN "expertise_en"`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" DROP COLUMN "bio_en"`);
    await queryRunner.query(`ALTER TABLE "mediator_profile" DROP COLUMN "name_en"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "description_en"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "name_en"`);
    await queryRunner.query(`ALTER TABLE "case_party" DROP COLUMN "locale"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "locale_chosen_at"`);
  }
}
