import { Alert } from 'antd';
import { isApiError } from '../../lib/api';
import { translateError, translateFieldError } from '../../lib/form-errors';

/** A failed request's error: its sentence, and under it what the server said of each field. Nothing without an error. */
export function ApiErrorAlert({ error, testId }: { error: unknown; testId: string }) {
  if (!error) return null;
  return (
    <Alert type="error" showIcon title={translateError(error)} description={isApiError(error) ? error.body.fields?.map((f) => translateFieldError(f)).join(' ') : undefined} data-testid={testId} />
  );
}
