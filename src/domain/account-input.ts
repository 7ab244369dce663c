import { LIMITS } from './limits.js';
import { LOCALES, ROLES, type Locale, type Role } from './types.js';
import {
  checkLength,
  hasControlCharacters,
  oneLine,
  type FieldErrors,
  type Validated,
} from './validation.js';

export interface AccountInput {
  email: string;
  displayName: string;
  role: Role;
  password: string;
  /** The language of the account's desk (English when the form has none). */
  locale?: Locale;
}

/** The new-account form as submitted; `locale` is optional (the CLI does not ask). */
export type AccountForm = Record<Exclude<keyof AccountInput, 'locale'>, string> & { locale?: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks a new account: a plausible email, a name, a role, a 12–256 character password and a desk language. */
export function validateAccount(form: AccountForm): Validated<AccountInput> {
  const errors: FieldErrors = {};
  const email = form.email.trim().toLowerCase();
  const displayName = oneLine(form.displayName) || email.split('@')[0] || '';
  const password = form.password.normalize('NFC');
  const locale = form.locale === undefined || form.locale === '' ? 'en' : form.locale;
  if (!EMAIL.test(email)) errors.email = 'Give a valid email address.';
  checkLength(errors, 'email', email, LIMITS.email, 'The email address');
  checkLength(errors, 'displayName', displayName, LIMITS.displayName, 'The name');
  if (hasControlCharacters(displayName)) errors.displayName = 'Remove the invisible control characters.';
  if (!(ROLES as readonly string[]).includes(form.role)) errors.role = 'Choose journalist, editor or admin.';
  if (!(LOCALES as readonly string[]).includes(locale)) errors.locale = 'Choose Swedish or English.';
  const length = [...password].length;
  if (length < LIMITS.passwordMin || length > LIMITS.passwordMax) {
    errors.password = `The password must be ${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { email, displayName, role: form.role as Role, password, locale: locale as Locale },
  };
}
