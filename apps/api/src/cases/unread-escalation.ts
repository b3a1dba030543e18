import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { DeadlineScanner } from './deadline-scanner.service';
import { AppConfig } from '../config/app-config';
import { Notifier, type RecipientRole } from './notifier';
import { ESCALATION_TEMPLATE, importantTemplates } from '../notifications/important-notices';

/** Notices older than this when first found (e.g. on the first deploy) are not escalated any more. */
const LOOKBACK_MS = 2 * 24 * 3600_000;

/**
 * The in-app notices of a party role still unread past their quiet time (by sent_at: the test
 * and production clocks, not the database's), whose twin to the same account on another channel
 * was not opened either (the SMS link is a read receipt too), and not covered by an escalation queued after it.
 */
export const DUE_SQL = `
SELECT n.id, n.case_id, c.number AS case_number, n.recipient_user_id AS user_id, n.recipient_role AS role, n.sent_at
FROM notification n
JOIN mediation_case c ON c.id = n.case_id
WHERE n.channel = 'in_app' AND n.read_at IS NULL AND n.recipient_user_id IS NOT NULL AND n.sent_at IS NOT NULL
  AND n.recipient_role IN ('applicant', 'respondent', 'agent')
  AND n.sent_at > $5
  AND ((n.template = ANY($1) AND n.sent_at <= $2) OR (n.template = ANY($3) AND n.sent_at <= $4))
  AND NOT EXISTS (
    SELECT 1 FROM notification s
    WHERE s.case_id = n.case_id AND s.id <> n.id AND s.read_at IS NOT NULL AND s.recipient_user_id = n.recipient_user_id
      AND starts_with(s.dedup_key, left(n.dedup_key, length(n.dedup_key) - length(':in_app:' || n.recipient_user_id::text)) || ':'))
  AND NOT EXISTS (
    SELECT 1 FROM notification e
    WHERE e.case_id = n.case_id AND e.template = '${ESCALATION_TEMPLATE}'
      AND e.params->>'forUser' = n.recipient_user_id::text AND (e.params->>'queuedAt')::timestamptz > n.sent_at)
ORDER BY n.sent_at DESC, n.id`;

/**
 * Issue #11: an important notice left unread in the app — an invitation or a court's request
 * for materials after UNREAD_ESCALATION_MINUTES, a deadline notice after
 * DEADLINE_ESCALATION_MINUTES — is escalated by SMS (and email, if the account has one and
 * allows it: Notifier.queue applies the preferences and quiet hours), saying only that there is
 * an unread notice, with a link (R19). Several due at once for one person on one case are one
 * message. Once only: the outbox row's unique de-duplication key (`unread:<newest notice>`),
 * written in the transaction that decides to send, is the flag — across rescans, restarts and
 * several workers scanning at the same moment.
 */
@Injectable()
export class UnreadEscalation implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scanner: DeadlineScanner,
    private readonly notifier: Notifier,
    private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.scanner.addStep((now) => this.escalate(now));
  }

  async escalate(now: Date): Promise<void> {
    const quiet = new Date(now.getTime() - this.config.env.UNREAD_ESCALATION_MINUTES * 60_000);
    const deadline = new Date(now.getTime() - this.config.env.DEADLINE_ESCALATION_MINUTES * 60_000);
    const rows: Array<{ id: string; case_id: string; case_number: string | null; user_id: string; role: string }> = await this.db.query(DUE_SQL, [
      importantTemplates('quiet'),
      quiet,
      importantTemplates('deadline'),
      deadline,
      new Date(now.getTime() - LOOKBACK_MS),
    ]);
    if (!rows.length) return;
    // The newest due notice per person and case stands for all of them.
    const newest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) if (!newest.has(`${r.case_id}:${r.user_id}`)) newest.set(`${r.case_id}:${r.user_id}`, r);
    const users = new Map((await this.db.getRepository(User).find({ where: { id: In([...new Set(rows.map((r) => r.user_id))]) } })).map((u) => [u.id, u]));
    for (const row of newest.values()) {
      const user = users.get(row.user_id);
      if (!user) continue;
      await this.db.transaction(async (manager) => {
        await this.notifier.queue(manager, {
          caseId: row.case_id,
          eventId: null,
          dedupBase: `unread:${row.id}`,
          template: ESCALATION_TEMPLATE,
          params: { caseNumber: row.case_number, link: `${this.config.publicUrl}/home?n=${row.id}`, forUser: row.user_id, queuedAt: now.toISOString() },
          // A text message (and email): the notice itself is already in the bell.
          recipients: [{ ...this.notifier.fromUser(row.role as RecipientRole, user), userId: null }],
        });
      });
    }
  }
}
