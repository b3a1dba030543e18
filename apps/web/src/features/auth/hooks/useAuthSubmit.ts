import { useState } from 'react';
import { Form } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { AuthResponse } from '@tiaojie/contracts';
import { applyApiErrorToForm, type FormErrorMapping } from '../../../lib/form-errors';
import { useAuthSuccess } from './useAuthSuccess';

/**
 * The form, its form-level error and the request of a login or register form: on success the
 * user is signed in; an error goes to its field, or else to the form.
 */
export function useAuthSubmit<V>(send: (values: V) => Promise<AuthResponse>, mapping: FormErrorMapping) {
  const [form] = Form.useForm<V>();
  const [formError, setFormError] = useState<string | null>(null);
  const onSuccess = useAuthSuccess();
  const submit = useMutation({
    mutationFn: send,
    onSuccess,
    onError: (error) => setFormError(applyApiErrorToForm(form, error, mapping)),
  });
  return { form, formError, setFormError, submit };
}

export type AuthSubmit<V> = ReturnType<typeof useAuthSubmit<V>>;
