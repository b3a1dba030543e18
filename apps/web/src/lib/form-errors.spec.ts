import { describe, expect, it, vi } from 'vitest';
import type { ErrorBody } from '@tiaojie/contracts';
import { ApiError } from './api';
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
    expect(mapApiErrorToFields(error, { labels: { email: 'Email' } }).fields[0].errors).toEqual([
      'Please enter a valid email address',
    ]);
  });

  it("falls back to the server's message for a constraint it does not know", () => {
    const error = validationError([{ field: 'name', constraint: 'isFancy', message: 'name must be fancy' }]);
    expect(mapApiErrorToFields(error, { labels: { name: '姓名' } }).fields[0].errors).toEqual(['name must be fancy']);
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
    expect(describeApiError(wrongCode)).toBe('验证码不正确。');
    await i18n.changeLanguage('en');
    expect(describeApiError(wrongCode)).not.toBe('The code is wrong');
    expect(describeApiError(wrongCode)).toBe(i18n.t('errors:OTP_INVALID'));
    await i18n.changeLanguage('zh-CN');
  });
});

