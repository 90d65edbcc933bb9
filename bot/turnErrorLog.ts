/**
 * What of a failed turn's error may be logged: its name, message, stack and code, and the same of its cause.
 * Everything else is dropped — botbuilder-dialogs attaches `dialogContext` (the dialog stack with each
 * dialog's state: form answers, phone numbers, names) and the SDK's REST errors carry requests and responses.
 */
export function turnErrorFields(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown; statusCode?: unknown }).code ?? (error as { statusCode?: unknown }).statusCode;
  if (typeof code === 'string' || typeof code === 'number') fields.code = code;
  if (error.cause !== undefined && depth < 3) fields.cause = turnErrorFields(error.cause, depth + 1);
  return fields;
}
