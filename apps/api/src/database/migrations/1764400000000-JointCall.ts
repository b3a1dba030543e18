import { MigrationInterface, QueryRunner } from 'typeorm';

/** R15: the joint call the mediator started in the joint channel, and who consented to it. */
export class JointCall1764400000000 implements MigrationInterface {
  name = 'JointCall1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "conversation_channel"
            ADD "joint_call" jsonb
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "conversation_channel" DROP COLUMN "joint_call"
        `);
  }
}
