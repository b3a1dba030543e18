import { describe, expect, it } from 'vitest';
import { idNumberRules, mobileRules, normaliseMobileInput } from './form-rules';

type Validator = (rule: unknown, value?: string) => Promise<void>;
const validatorOf = (rules: unknown[]) => (rules.find((rule) => typeof (rule as { validator?: unknown }).validator === 'function') as { validator: Validator }).validator;

describe('form rules', () => {
  it('normalise what people type as a mobile number', () => {
    expect(normaliseMobileInput('+86 138-0000-0001')).toBe('13800000001');
    expect(normaliseMobileInput(' 12345 ')).toBe('12345');
  });

  it('accept mainland mobile numbers only', async () => {
    const validate = validatorOf(mobileRules('手机号'));
    await expect(validate({}, '138 0000 0001')).resolves.toBeUndefined();
    await expect(validate({}, '12800000001')).rejects.toThrow('请输入有效的手机号（11 位）');
  });

  it('check an ID number with its check digit', async () => {
    const validate = validatorOf(idNumberRules('身份证号码'));
    await expect(validate({}, '11010519491231002x')).resolves.toBeUndefined();
    await expect(validate({}, '110105194912310021')).rejects.toThrow('请输入有效的 18 位居民身份证号码');
  });
});
