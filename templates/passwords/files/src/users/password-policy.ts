import { dictionary } from '@zxcvbn-ts/language-common';

const minLength = 8;
const maxLength = 128;

// The list holds lower-case entries; a password is compared in lower case only for this check
// and is otherwise stored exactly as typed.
const commonPasswords = new Set(dictionary['passwords-common']);

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordWeakness(password: string): string | undefined {
  // Length counts Unicode code points, so a character outside the BMP counts once.
  const length = Array.from(password).length;
  if (length < minLength) return `must be at least ${minLength} characters`;
  if (length > maxLength) return `must be at most ${maxLength} characters`;
  if (commonPasswords.has(password.toLowerCase())) return 'is one of the most common passwords';
  return undefined;
}
