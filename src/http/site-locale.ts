import type { Request, Response } from 'express';
import type { Locale } from '../domain/types.js';

/**
 * The language of pages that belong to no article (front page, search, tag pages): the reader's
 * Accept-Language when it prefers English, else Swedish, the newsroom's language. Article pages follow
 * the article's locale instead. Error pages stay English, like the desk they share with.
 */
export function siteLocale(req: Request, res: Response): Locale {
  res.vary('Accept-Language');
  return req.acceptsLanguages('sv', 'en') === 'en' ? 'en' : 'sv';
}

/**
 * The desk's language before anyone has logged in (the login page): English, the desk's default, unless
 * the browser prefers Swedish. Once logged in, the account's own setting counts (see loadUser).
 */
export function loginLocale(req: Request, res: Response): Locale {
  res.vary('Accept-Language');
  return req.acceptsLanguages('en', 'sv') === 'sv' ? 'sv' : 'en';
}
