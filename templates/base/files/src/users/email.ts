/**
 * The form an email address is stored and looked up in: surrounding spaces trimmed and the
 * domain lower-cased. The local part is kept as typed, because mail servers may treat
 * `Ann@example.com` and `ann@example.com` as different mailboxes.
 */
export function normalizeEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}
