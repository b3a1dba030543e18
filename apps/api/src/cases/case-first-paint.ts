import { Injectable } from '@nestjs/common';
import { LOCALES, type CaseDetail, type Locale } from '@tiaojie/contracts';
import type { Request } from 'express';
import { accessTokenFrom } from '../accounts/auth.guard';
import { TokensService } from '../accounts/tokens.service';
import type { FirstPaint } from '../common/web-client';
import { CasesService } from './cases.service';

/**
 * The case page's heading in each language: the same words as the web's
 * `casePage.title` and `casePage.draftTitle` (apps/web/src/locales/<lng>/casePage.json;
 * case-first-paint.spec.ts compares them), so the page React renders later has the very same
 * heading in the same place.
 */
export const FIRST_PAINT_TEXT: Record<Locale, { title: string; draftTitle: string; logoAlt: string }> = {
  'zh-CN': { title: '案件 {{number}}', draftTitle: '调解申请草稿', logoAlt: '调解 Tiaojie 首页' },
  en: { title: 'Case {{number}}', draftTitle: 'Draft application', logoAlt: 'Tiaojie home' },
};

const CASE_PAGE = /^\/cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * JSON that may sit inside a <script> element: no `<` (so no `</script>` nor `<!--`), and the
 * two line separators that old parsers took for line ends.
 */
const embeddableJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/**
 * The first paint of a citizen's case page, written by the server (TARGETS P5, issue #11): a
 * phone coming from an SMS link otherwise shows nothing until the app's start chunk (≈190 KB)
 * has come over a slow link and run, then asks for the case — the case number appeared after
 * 3.6 s on Lighthouse's slow-4G phone. Here the answer to `/cases/:id` already holds the header
 * and the case's heading, and the case itself as GET /api/cases/:id would answer it, which the
 * app takes instead of asking again (apps/web/src/app/first-paint.ts).
 *
 * The same read as the API's: the access-token cookie is checked as the auth guard checks it
 * (a dead session, a disabled account: no first paint, the app handles it as before), and the
 * case comes from CasesService.detail — the one read rule (case-access.ts) and the access log
 * (R19) included; a case the viewer may not read gives the plain page. The answer is private
 * and not stored (web-client.ts).
 */
@Injectable()
export class CaseFirstPaint {
  constructor(
    private readonly tokens: TokensService,
    private readonly cases: CasesService,
  ) {}

  async render(req: Request): Promise<FirstPaint | null> {
    const caseId = CASE_PAGE.exec(req.path)?.[1]?.toLowerCase();
    if (!caseId) return null;
    // A browser's navigation carries the cookie only; a Bearer header is an API client's.
    const token = req.cookies ? accessTokenFrom({ headers: {}, cookies: req.cookies as Record<string, string> }) : undefined;
    if (!token) return null;
    let detail: CaseDetail;
    let accountLocale: Locale;
    try {
      const auth = await this.tokens.authenticate(token);
      detail = await this.cases.detail(caseId, { userId: auth.userId, user: auth.user, ip: req.ip ?? null });
      accountLocale = auth.user.locale;
    } catch {
      // Not logged in any more, or not a case for this viewer: the app says so as it always has.
      return null;
    }
    // The web's language: ?lng= first, as its detector reads it, then the account's (the app
    // follows it after a login and saves a change to it, apps/web/src/app/AppHeader.tsx).
    const asked = typeof req.query.lng === 'string' ? req.query.lng : undefined;
    const locale: Locale = (LOCALES as readonly string[]).includes(asked ?? '') ? (asked as Locale) : accountLocale;
    const text = FIRST_PAINT_TEXT[locale];
    const heading = detail.number ? text.title.replace('{{number}}', detail.number) : text.draftTitle;
    const markup =
      `<div id="first-paint" class="app-shell" aria-busy="true">` +
      `<header class="app-header"><div class="app-header-inner">` +
      `<a href="/home" class="app-logo" aria-label="${escapeHtml(text.logoAlt)}"><span class="app-logo-mark">调解</span><span class="app-logo-text">Tiaojie</span></a>` +
      `</div></header>` +
      `<main class="app-main"><div class="page case-page"><div class="page-heading"><h1 class="page-title">${escapeHtml(heading)}</h1></div></div></main>` +
      `</div>` +
      `<script type="application/json" id="first-paint-data">${embeddableJson({ caseId, case: detail })}</script>`;
    return { lang: locale, markup };
  }
}
