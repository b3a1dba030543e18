import { Alert } from 'antd';

/** The form-level error of a form (what no single field could show). */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return <Alert className="form-error" type="error" showIcon title={message} data-testid="form-error" role="alert" />;
}
