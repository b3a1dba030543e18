import { escapeHtml, renderEmailHtml } from './email-layout';

describe('email layout', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  const base = { title: '案件<b>TJ-1</b>', paragraphs: ['第一段 "引号"', '第二段\n换行'], footer: '页脚 & 说明', lang: 'zh-CN' };

  it('renders a complete document with lang, escaped values and no images', () => {
    const html = renderEmailHtml({ ...base, link: { href: 'https://tiaojie.example/cases/1?a=1&b="2"', label: '<查看>' } });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN" dir="ltr">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>案件&lt;b&gt;TJ-1&lt;/b&gt;</title>');
    expect(html).toContain('>案件&lt;b&gt;TJ-1&lt;/b&gt;</h1>');
    expect(html).toContain('>第一段 &quot;引号&quot;</p>');
    expect(html).toContain('>第二段<br>换行</p>');
    expect(html).toContain('>页脚 &amp; 说明</p>');
    expect(html).toContain('href="https://tiaojie.example/cases/1?a=1&amp;b=&quot;2&quot;"');
    expect(html).toContain('>&lt;查看&gt;</a>');
    expect(html).not.toMatch(/<img|<b>|<script|<style/);
    expect(html.match(/<table role="presentation"/g)?.length).toBe(3);
  });

  it('leaves the link out when there is none, and falls back to zh-CN for a malformed lang', () => {
    const html = renderEmailHtml({ ...base, lang: 'en" onload="x' });
    expect(html).not.toContain('<a ');
    expect(html).toContain('<html lang="zh-CN"');
    expect(renderEmailHtml({ ...base, lang: 'en' })).toContain('<html lang="en"');
  });

  it('refuses links that are not absolute http(s) or mailto URLs', () => {
    expect(() => renderEmailHtml({ ...base, link: { href: 'javascript:alert(1)', label: 'x' } })).toThrow(/scheme/);
    expect(() => renderEmailHtml({ ...base, link: { href: '/cases/1', label: 'x' } })).toThrow(/absolute/);
    expect(renderEmailHtml({ ...base, link: { href: 'mailto:help@tiaojie.example', label: 'x' } })).toContain('href="mailto:help@tiaojie.example"');
  });
});
