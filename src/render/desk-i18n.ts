import type { Locale } from '../domain/types.js';
import { en } from './i18n/desk-en.js';
import { enAdmin } from './i18n/desk-en-admin.js';
import { sv } from './i18n/desk-sv.js';
import { svAdmin } from './i18n/desk-sv-admin.js';
import { swedishFor } from './i18n/messages-sv.js';

// The desk (newsroom UI) in Swedish or English, by each account's setting (the login page by the
// browser's Accept-Language). One catalogue per locale, in two parts each (i18n/desk-{en,sv}{,-admin}.ts).
//
// Decision: sentences that come from the domain, the services and the routes (field errors, refusals,
// notices) stay English where they are made, because the JSON API and the CLI answer in English and tests
// depend on it. The English sentence is the message's key, as with gettext: views show every such sentence
// through `dt.msg()`, which is the identity in English and looks it up in i18n/messages-sv.ts in Swedish.
// A unit test finds every sentence in src/ and requires its Swedish, so nothing new slips through.

/** Every desk page's strings (`dt` in the views) plus `msg`, the translation of a produced sentence. */
export type DeskMessages = typeof en &
  typeof enAdmin & {
    /** The sentence in this locale: a validation message, a refusal or a notice made in English. */
    msg: (text: string) => string;
  };

const catalogues: Record<Locale, DeskMessages> = {
  en: { ...en, ...enAdmin, msg: (text) => text },
  sv: { ...sv, ...svAdmin, msg: (text) => swedishFor(text) ?? text },
};

/** The desk's strings in a locale. */
export function deskMessages(locale: Locale): DeskMessages {
  return catalogues[locale];
}
