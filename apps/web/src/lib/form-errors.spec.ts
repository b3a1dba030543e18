import { describe, expect, it, vi } from 'vitest';
import type { ErrorBody } from '@tiaojie/contracts';
import { ApiError, retryAfterSeconds } from './api';
import { applyApiErrorToForm, describeApiError, mapApiErrorToFields, toNamePath, translateError } from './form-errors';
import i18n from './i18n';

function validationError(fields: ErrorBody['fields']) {
  return new ApiError(400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Validation failed', fields });
}

describe('mapping API errors onto forms', () => {
  it('translates each field by its constraint, with the field label', () => {
    const error = validationError([
      { field: 'name', constraint: 'isNotEmpty', message: 'name should not be empty' },
      { field: 'mobile', constraint: 'isMobile', message: 'mobile must be a mainland mobile number' },
    ]);
    const { fields, formError } = mapApiErrorToFields(error, { labels: { name: '姓名', mobile: '手机号' } });
    expect(fields).toEqual([
      { name: ['name'], errors: ['请填写姓名'] },
      { name: ['mobile'], errors: ['请输入有效的手机号（11 位）'] },
    ]);
    expect(formError).toBeNull();
  });

  it('gives pattern failures of known fields their own message', () => {
    const error = validationError([
      { field: 'mobile', constraint: 'matches', message: 'must be a mainland mobile number (11 digits)' },
      { field: 'nickname', constraint: 'matches', message: 'nickname is odd' },
    ]);
    const { fields } = mapApiErrorToFields(error, { labels: { mobile: '手机号', nickname: '昵称' } });
    expect(fields.map((field) => field.errors[0])).toEqual(['请输入有效的手机号（11 位）', '昵称的格式不正确']);
  });

  it('follows the current language', async () => {
    await i18n.changeLanguage('en');
    const error = validationError([{ field: 'email', constraint: 'isEmail', message: 'email must be an email' }]);
    expect(mapApiErrorToFields(error, { labels: { email: 'Email' } }).fields[0].errors).toEqual(['Please enter a valid email address']);
  });

  it("never shows the server's English message for a constraint it does not know", () => {
    const error = validationError([{ field: 'name', constraint: 'isFancy', message: 'name must be fancy' }]);
    expect(mapApiErrorToFields(error, { labels: { name: '姓名' } }).fields[0].errors).toEqual(['姓名的格式不正确']);
    const conflict = new ApiError(409, { statusCode: 409, code: 'CONFLICT', message: 'Something odd', fields: [{ field: 'x', constraint: 'isFancy', message: 'Something odd' }] });
    expect(describeApiError(conflict)).toBe('操作冲突，请刷新后重试。');
  });

  it('a mistyped SMS code says so in the user’s language, on the code field', async () => {
    const wrongCode = new ApiError(401, { statusCode: 401, code: 'OTP_INVALID', message: 'The code is wrong', fields: [{ field: 'code', constraint: 'otp_invalid', message: 'The code is wrong' }] });
    const mapping = { labels: { mobile: '手机号', code: '验证码' }, codeFields: { OTP_INVALID: 'code' } as const };
    expect(mapApiErrorToFields(wrongCode, mapping).fields).toEqual([{ name: ['code'], errors: ['验证码不正确'] }]);
    await i18n.changeLanguage('en');
    expect(mapApiErrorToFields(wrongCode, mapping).fields).toEqual([{ name: ['code'], errors: ['The code is not correct'] }]);
    await i18n.changeLanguage('zh-CN');
  });

  it('a 429 says when to try again (Retry-After)', async () => {
    const limited = new ApiError(429, { statusCode: 429, code: 'RATE_LIMITED', message: 'Wait 42 seconds before asking for another code' }, undefined, 42);
    expect(translateError(limited)).toBe('操作太频繁，请稍后再试。42秒钟后可以再试。');
    await i18n.changeLanguage('en');
    expect(translateError(limited)).toMatch(/try again in 42 seconds/);
    await i18n.changeLanguage('zh-CN');
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds(new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(60);
    expect(retryAfterSeconds(null)).toBeUndefined();
  });

  it('keeps fields with several messages together and maps dotted paths', () => {
    const error = validationError([
      { field: 'respondents.0.mobile', constraint: 'isNotEmpty', message: 'x' },
      { field: 'respondents.0.mobile', constraint: 'isMobile', message: 'y' },
    ]);
    const { fields } = mapApiErrorToFields(error, { labels: { 'respondents.0.mobile': '手机号' } });
    expect(fields).toEqual([{ name: ['respondents', 0, 'mobile'], errors: ['请填写手机号', '请输入有效的手机号（11 位）'] }]);
    expect(toNamePath('a.12.b')).toEqual(['a', 12, 'b']);
  });

  it('shows fields the form does not have (e.g. whitelist) at form level', () => {
    const error = validationError([{ field: 'role', constraint: 'whitelist', message: 'property role should not exist' }]);
    const { fields, formError } = mapApiErrorToFields(error, { labels: { name: '姓名' } });
    expect(fields).toEqual([]);
    expect(formError).toBe('填写的内容有误，请检查后重试。 不允许提交字段“role”');
  });

  it('puts a code that belongs to one field on that field', () => {
    const error = new ApiError(409, { statusCode: 409, code: 'MOBILE_TAKEN', message: 'Mobile taken' });
    const setFields = vi.fn();
    const formError = applyApiErrorToForm({ setFields }, error, { labels: {}, codeFields: { MOBILE_TAKEN: 'mobile' } });
    expect(formError).toBeNull();
    expect(setFields).toHaveBeenCalledWith([{ name: ['mobile'], errors: ['该手机号已注册，请直接登录。'] }]);
  });

  it('translates other errors by code for the whole form', () => {
    const error = new ApiError(401, { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Invalid credentials' });
    const setFields = vi.fn();
    expect(applyApiErrorToForm({ setFields }, error, { labels: { mobile: '手机号' } })).toBe('手机号或密码不正确。');
    expect(setFields).not.toHaveBeenCalled();
    expect(translateError(new Error('boom'))).toBe('出错了，请稍后再试。');
  });
});

describe('describeApiError (a sentence for a whole error, never the server English in Chinese)', () => {
  it('uses the error code when a field constraint has no sentence of its own, in both languages', async () => {
    const wrongCode = new ApiError(400, { statusCode: 400, code: 'OTP_INVALID', message: 'The code is wrong', fields: [{ field: 'code', constraint: 'otp_invalid', message: 'The code is wrong' }] });
    await i18n.changeLanguage('zh-CN');
    expect(describeApiError(wrongCode)).toBe('验证码不正确');
    await i18n.changeLanguage('en');
    expect(describeApiError(wrongCode)).not.toBe('The code is wrong');
    expect(describeApiError(wrongCode)).toBe(i18n.t('validation:otp_invalid'));
    const noSentence = new ApiError(409, { statusCode: 409, code: 'CONFLICT', message: 'x', fields: [{ field: 'y', constraint: 'brandNew', message: 'x' }] });
    expect(describeApiError(noSentence)).toBe(i18n.t('errors:CONFLICT'));
    await i18n.changeLanguage('zh-CN');
  });
});
