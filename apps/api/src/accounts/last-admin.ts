import type { EntityManager } from 'typeorm';
import { AppException } from '../common/app-exception';

/**
 * Issue #13: the platform keeps one enabled system admin at least. Locks the enabled admins'
 * rows (so two admins taking each other's role at once cannot both pass) and refuses when
 * `userId` is the last of them; `field` names the request field in the 409.
 */
export async function assertNotLastAdmin(manager: EntityManager, userId: string, field: string): Promise<void> {
  const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM app_user WHERE 'admin' = ANY(roles) AND disabled_at IS NULL ORDER BY id FOR UPDATE`);
  if (rows.length <= 1 && rows.some((r) => r.id === userId)) {
    throw AppException.field('CONFLICT', field, 'lastAdmin', 'This is the last enabled system admin');
  }
}
