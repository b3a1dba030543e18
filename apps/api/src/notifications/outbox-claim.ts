import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Notification } from './notification.entity';

/**
 * Takes up to `limit` outbox rows matching `where` that no other process holds (FOR UPDATE SKIP
 * LOCKED: two workers never take the same row) and updates them in the same statement; answers
 * the rows as RETURNING gives them (column names). `oldestFirst` takes the longest due first.
 */
export async function takeOutboxRows(
  db: DataSource,
  q: { where: string; params: Record<string, unknown>; limit: number; oldestFirst?: boolean; set: QueryDeepPartialEntity<Notification>; returning: '*' | string[] },
): Promise<Array<Record<string, unknown>>> {
  const candidates = db.getRepository(Notification).createQueryBuilder('n').subQuery().select('n.id').from(Notification, 'n').where(q.where);
  if (q.oldestFirst) candidates.orderBy('n.next_attempt_at', 'ASC');
  const taken = candidates.limit(q.limit).setLock('pessimistic_write').setOnLocked('skip_locked').getQuery();
  const result = await db.createQueryBuilder().update(Notification).set(q.set).where(`id IN ${taken}`).setParameters(q.params).returning(q.returning).execute();
  return result.raw as Array<Record<string, unknown>>;
}
