import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ConfirmationApplication } from '../cases/confirmation.entity';
import { Agreement } from '../cases/agreement.entity';

/** Letters and digits that cannot be misread for one another (no I/1, O/0). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

/**
 * The one generator of the public verification codes printed, with their /verify address, on a
 * signed agreement (R26, R27) and on a ruling on judicial confirmation (R34). One /verify page
 * reads both, so a new code is unique across agreements and rulings.
 */
export async function newVerificationCode(manager: EntityManager): Promise<string> {
  for (;;) {
    const code = [...randomBytes(CODE_LENGTH)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
    const taken =
      (await manager.getRepository(Agreement).exists({ where: { verificationCode: code } })) || (await manager.getRepository(ConfirmationApplication).exists({ where: { verificationCode: code } }));
    if (!taken) return code;
  }
}
