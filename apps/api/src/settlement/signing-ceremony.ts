import type { OtpPurpose } from '@tiaojie/contracts';
import type { OtpPolicy, OtpService } from '../accounts/otp.service';
import type { FileStorage } from '../documents/storage';

/** Files a rendered document; the key is removed again if the step that filed it fails. */
export type StoreFile = (bytes: Buffer) => Promise<string>;

/**
 * Runs `work` with a `store` that puts files into `storage`; if `work` (its transaction
 * included) fails, every file it stored is deleted again, so a rolled-back step leaves no
 * orphan PDF behind (R26, R29, R34).
 */
export async function withStoredFiles<T>(storage: FileStorage, work: (store: StoreFile) => Promise<T>): Promise<T> {
  const keys: string[] = [];
  try {
    return await work(async (bytes) => {
      const key = await storage.put(bytes);
      keys.push(key);
      return key;
    });
  } catch (e) {
    for (const key of keys) await storage.delete(key).catch(() => undefined);
    throw e;
  }
}

/**
 * The one signing ceremony, for the settlement agreement (R26, ESL 13-14) and the joint
 * application for judicial confirmation (R29):
 *   1. `check`: everything the signature needs except the code, so a refused signature never
 *      spends a code;
 *   2. the SMS code of the signer's own phone, checked in its own transaction (a wrong guess
 *      is counted even though the signature is refused);
 *   3. `commit`: one transaction that locks the row being signed, checks again under the lock
 *      (the draft or the application may have changed since step 1), writes the signature and,
 *      at the last one, renders the PDF and files it with `store`, which removes it again if
 *      the transaction fails.
 */
export async function signingCeremony<T>(
  deps: { otp: OtpService; storage: FileStorage },
  steps: {
    check: () => Promise<unknown>;
    code: { mobile: string; purpose: OtpPurpose; code: string; policy?: Pick<OtpPolicy, 'maxAttempts'> };
    commit: (store: StoreFile) => Promise<T>;
  },
): Promise<T> {
  await steps.check();
  await deps.otp.verify(steps.code.mobile, steps.code.purpose, steps.code.code, steps.code.policy);
  return withStoredFiles(deps.storage, steps.commit);
}
