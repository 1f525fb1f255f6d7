// A form's errors by field: the server names the field it refuses (protocol.md), so its message goes next
// to that input; anything else is the form's own error.
import { ApiError, errorMessage } from '../api';

export type FieldErrors = Record<string, string>;

/** The server's message, capitalised, under `field` (or `form` when it names none of `known`). */
export function fieldErrorsOf(err: unknown, known: string[]): FieldErrors {
  const raw = errorMessage(err);
  const msg = raw.charAt(0).toUpperCase() + raw.slice(1);
  const field = err instanceof ApiError ? err.field : undefined;
  return field && known.includes(field) ? { [field]: msg } : { form: msg };
}
