import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { DeadlineScanner } from '../cases/deadline-scanner.service';
import { AppConfig } from '../config/app-config';
import { Notifier, type RecipientRole } from '../cases/notifier';

/**
 * The party members of each conversation of a case in mediation, with the mediator's messages
 * they have not read: the first unread one's time and how far they had read (R15: a caucus is
 * its own party's and agents' only; the joint channel every consenting party's).
 */
const UNREAD_SQL = `
WITH members AS (
  SELECT ch.id AS channel_id, ch.case_id, u.uid AS user_id, u.role
  FROM conversation_channel ch
  JOIN mediation_case c ON c.id = ch.case_id AND c.state = 'MEDIATING'
  JOIN case_party p ON p.case_id = ch.case_id AND (ch.kind = 'joint' OR p.id = ch.party_id) AND p.consent = 'given'
  CROSS JOIN LATERAL (VALUES (p.user_id, p.side), (p.agent_user_id, 'agent')) AS u(uid, role)
  WHERE ch.kind IN ('caucus', 'joint') AND u.uid IS NOT NULL
)
SELECT mem.channel_id, mem.case_id, c.number AS case_number, mem.user_id, min(mem.role) AS role,
       coalesce(r.last_read_seq, 0) AS read_seq, min(m.created_at) AS first_unread_at
FROM members mem
JOIN mediation_case c ON c.id = mem.case_id
LEFT JOIN channel_read r ON r.channel_id = mem.channel_id AND r.user_id = mem.user_id
JOIN channel_message m ON m.channel_id = mem.channel_id AND m.sender_role = 'mediator' AND m.seq > coalesce(r.last_read_seq, 0) AND m.created_at <= $1
GROUP BY mem.channel_id, mem.case_id, c.number, mem.user_id, r.last_read_seq`;

/**
 * Issue #11: "the mediator sent you a message" for a party that is not on the conversation page,
 * from the read receipts (channel_read) — never the content. Run with every deadline scan: a
 * mediator's message still unread MESSAGE_NOTICE_SECONDS after it was sent goes to the bell, and
 * still unread after MESSAGE_SMS_QUIET_MINUTES by SMS (held in the party's quiet hours). The
 * de-duplication key is the channel, the party and how far it had read, so a burst of messages
 * is one notice, and the next one comes only after the party read the channel.
 */
@Injectable()
export class MessageNotices implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scanner: DeadlineScanner,
    private readonly notifier: Notifier,
    private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.scanner.addStep((now) => this.notifyUnread(now));
  }

  async notifyUnread(now: Date): Promise<void> {
    const grace = new Date(now.getTime() - this.config.env.MESSAGE_NOTICE_SECONDS * 1000);
    const quiet = new Date(now.getTime() - this.config.env.MESSAGE_SMS_QUIET_MINUTES * 60_000);
    const rows: Array<{ channel_id: string; case_id: string; case_number: string | null; user_id: string; role: string; read_seq: number; first_unread_at: Date | string }> = await this.db.query(
      UNREAD_SQL,
      [grace],
    );
    if (!rows.length) return;
    const users = new Map((await this.db.getRepository(User).find({ where: { id: In([...new Set(rows.map((r) => r.user_id))]) } })).map((u) => [u.id, u]));
    for (const row of rows) {
      const user = users.get(row.user_id);
      if (!user) continue;
      const recipient = this.notifier.fromUser(row.role as RecipientRole, user);
      const base = { caseId: row.case_id, eventId: null, template: 'mediator_message', params: { caseNumber: row.case_number } };
      await this.db.transaction(async (manager) => {
        const key = `mediator_message:${row.channel_id}:${row.user_id}:${row.read_seq}`;
        // The bell first (in-app only); the SMS once the quiet time has passed, still unread.
        await this.notifier.queue(manager, { ...base, dedupBase: key, recipients: [{ ...recipient, mobile: null, email: null }] });
        if (new Date(row.first_unread_at) <= quiet) {
          await this.notifier.queue(manager, { ...base, dedupBase: `${key}:late`, recipients: [{ ...recipient, userId: null, email: null }] });
        }
      });
    }
  }
}
