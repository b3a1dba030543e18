import { checkNoticeVersion, NOTICE_ITEMS, NOTICE_TEXT, NOTICE_VERSION } from './notice';

describe('R02: the versioned notice of rights and duties', () => {
  it('has the same items, with text, in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = NOTICE_TEXT[locale];
      expect(text.items.map((i) => i.key)).toEqual([...NOTICE_ITEMS]);
      for (const item of text.items) expect(item.title.length * item.body.length).toBeGreaterThan(0);
    }
  });

  it('covers the rights, duties, legal effect of an agreement and of judicial confirmation, and platform use (Rules 7)', () => {
    const zh = NOTICE_TEXT['zh-CN'].items.map((i) => i.body).join('');
    for (const words of ['拒绝', '如实', '法律约束力', '司法确认', '短信验证码']) expect(zh).toContain(words);
  });

  it('accepts only the current version', () => {
    expect(checkNoticeVersion(NOTICE_VERSION)).toBe('current');
    expect(checkNoticeVersion('2020-01-01')).toBe('outdated');
    expect(checkNoticeVersion('')).toBe('outdated');
  });
});
