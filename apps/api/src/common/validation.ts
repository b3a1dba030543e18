import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@tiaojie/contracts';
import { AppException } from './app-exception';
import { rawInputProblems, typedInputProblems } from './input-guard';

/** Flattens class-validator's tree into dotted field paths: `respondents.0.mobile`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      // forbidNonWhitelisted reports unknown fields under this constraint name.
      out.push({ field, constraint: constraint === 'whitelistValidation' ? 'whitelist' : constraint, message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

const invalid = (fields: FieldError[]) => new AppException('VALIDATION_FAILED', 'Some fields are invalid', fields);

/**
 * The DTO's own rules, wrapped in the rules for all input (input-guard.ts): depth and NUL are
 * checked on the raw value before it is transformed; null and integer range on the result.
 * Bodies, queries and path parameters alike; values from custom decorators are ours.
 */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const root = metadata.data ?? '';
    const raw = rawInputProblems(value, root);
    if (raw.length) throw invalid(raw);
    const result: unknown = await super.transform(value, metadata);
    const typed = typedInputProblems(result, root);
    if (typed.length) throw invalid(typed);
    return result;
  }
}

/** Global validation: strip nothing silently — unknown fields are refused, types transformed. */
export function createValidationPipe() {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
}

let eventPipe: GuardedValidationPipe | undefined;

/**
 * A payload that did not come through a REST route (a socket event) validated as a REST body is:
 * the same DTO class through the same pipe, so it refuses the same fields with the same
 * constraint ids (issue #12). A payload that is not an object is refused as a whole.
 */
export async function validateInput<T extends object>(dto: new () => T, value: unknown): Promise<{ ok: true; value: T } | { ok: false; fields: FieldError[] }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, fields: [{ field: '', constraint: 'isObject', message: 'an object is required' }] };
  }
  eventPipe ??= createValidationPipe();
  try {
    return { ok: true, value: (await eventPipe.transform(value, { type: 'body', metatype: dto, data: '' })) as T };
  } catch (e) {
    if (e instanceof AppException && e.code === 'VALIDATION_FAILED') return { ok: false, fields: e.fields ?? [] };
    throw e;
  }
}
