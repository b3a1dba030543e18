/**
 * A small HTML email: one column, inline styles (many clients drop <style>), no images, a
 * real heading and paragraphs for screen readers, and the link also written out as text.
 * Every interpolated value goes through escapeHtml.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export interface EmailLayout {
  title: string;
  paragraphs: string[];
  /** Only http(s) and mailto links are rendered; anything else throws. */
  link?: { href: string; label: string };
  footer: string;
  /** BCP 47 language tag of the text, e.g. zh-CN or en. */
  lang: string;
}

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', Arial, sans-serif";

function safeHref(href: string): string {
  const trimmed = href.trim();
  let scheme: string;
  try {
    scheme = new URL(trimmed).protocol;
  } catch {
    throw new TypeError(`email link must be an absolute URL: ${JSON.stringify(href)}`);
  }
  if (!['http:', 'https:', 'mailto:'].includes(scheme)) throw new TypeError(`email link scheme not allowed: ${scheme}`);
  return trimmed;
}

const lines = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

export function renderEmailHtml({ title, paragraphs, link, footer, lang }: EmailLayout): string {
  const langTag = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : 'zh-CN';
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px 0;font-size:16px;line-height:1.6;color:#1f2329;">${lines(p)}</p>`).join('\n');
  const button = link
    ? (() => {
        const href = escapeHtml(safeHref(link.href));
        return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px 0;"><tr><td style="border-radius:6px;background:#1456f0;">
<a href="${href}" style="display:inline-block;padding:12px 24px;font-size:16px;line-height:1.2;color:#ffffff;text-decoration:none;font-weight:600;border-radius:6px;">${escapeHtml(link.label)}</a>
</td></tr></table>
<p style="margin:0 0 16px 0;font-size:13px;line-height:1.6;color:#646a73;word-break:break-all;">${escapeHtml(link.href.trim())}</p>`;
      })()
    : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(langTag)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background:#f5f6f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f5f6f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:8px;border:1px solid #dee0e3;">
<tr><td style="padding:32px 28px 16px 28px;font-family:${FONT};">
<h1 style="margin:0 0 20px 0;font-size:22px;line-height:1.4;color:#1f2329;font-weight:600;">${escapeHtml(title)}</h1>
${body}
${button}
</td></tr>
<tr><td style="padding:16px 28px 28px 28px;border-top:1px solid #dee0e3;font-family:${FONT};">
<p style="margin:0;font-size:13px;line-height:1.6;color:#646a73;">${lines(footer)}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
