import { mayReadChannel } from '@tiaojie/domain';
import type { ChannelKind } from '@tiaojie/contracts';
import type { EntityManager } from 'typeorm';

/**
 * A document attached inside a conversation (case_document.channel_id set) is visible to whoever
 * may read the channel it was attached in, or a channel a message carrying it was shared into
 * by the mediator (R15). Everyone else gets the same answer as for a missing document.
 */
export async function attachmentVisible(manager: EntityManager, doc: { id: string; caseId: string; channelId: string | null }, who: { isMediator: boolean; ownPartyIds: string[] }): Promise<boolean> {
  if (!doc.channelId) return false;
  const channels: Array<{ id: string; kind: ChannelKind; party_id: string; open: boolean }> = await manager.query(
    `SELECT c.id, c.kind, c.party_id, c.open FROM conversation_channel c
      WHERE c.case_id = $1 AND (c.id = $2 OR EXISTS (SELECT 1 FROM channel_message m WHERE m.channel_id = c.id AND m.document_id = $3))`,
    [doc.caseId, doc.channelId, doc.id],
  );
  return channels.some((c) => mayReadChannel({ kind: c.kind, partyId: c.party_id, open: c.open }, who));
}
