import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@tiaojie/contracts';
import { AppException } from './app-exception';

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

/** Global validation: strip nothing silently — unknown fields are refused, types transformed. */
export function createValidationPipe() {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new AppException('VALIDATION_FAILED', 'Some fields are invalid', flattenValidationErrors(errors)),
  });
}
