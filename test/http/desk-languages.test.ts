import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { deleteUpdate } from '../../src/services/updates.js';
import { addUser, csrfFrom, loginAs, PASSWORD, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';

// Issue 8, "Two languages": the desk follows each account's language setting (English by default).

type App = ReturnType<typeof testApp>['app'];
type Session = Awaited<ReturnType<typeof loginAs>>;

/** Sets the logged-in account's desk language through the account page's form. */
async function chooseLocale(session: Session, locale: string) {
  return session.agent
    .post('/desk/account/locale')
    .type('form')
    .send({ locale, _csrf: await session.token('/desk/account') });
}

const TEXT = 'Den 8 december:\n\nVad hände?\n\n– Inget, säger Karin Berg.';
const IMPORT = { text: TEXT, year: '2026', locale: 'sv', title: 'Import', timeZone: 'Europe/Stockholm' };

let app: App;
let close: () => void;
let sv: Session;
let en: Session;
let ids: ReturnType<typeof seedArticle>;

before(async () => {
  const setup = testApp();
  ({ app, close } = setup);
  await addUser(setup.ctx, 'admin', 'anna@example.com');
  await addUser(setup.ctx, 'admin', 'eric@example.com');
  ids = seedArticle(setup.ctx);
  deleteUpdate(setup.ctx, actor('editor'), ids.dayUpdateId);
  sv = await loginAs(app, 'anna@example.com');
  en = await loginAs(app, 'eric@example.com');
  assert.equal((await chooseLocale(sv, 'sv')).status, 303);
});
after(() => close());

/** One request per desk page type, with a Swedish and an English phrase it must show. */
const PAGES: {
  name: string;
  send: (s: Session) => Promise<request.Response>;
  sv: RegExp;
  en: RegExp;
  status?: number;
}[] = [
  {
    name: 'dashboard',
    send: (s) => s.agent.get('/desk'),
    sv: /<h1>Översikt<\/h1>[\s\S]*Mina utkast/,
    en: /<h1>Dashboard<\/h1>[\s\S]*My drafts/,
  },
  {
    name: 'new article form',
    send: (s) => s.agent.get('/desk/articles/new'),
    sv: /<h1>Ny artikel<\/h1>[\s\S]*Skapa artikeln/,
    en: /<h1>New article<\/h1>[\s\S]*Create article/,
  },
  {
    name: 'article form',
    send: (s) => s.agent.get(`/desk/articles/${ids.articleId}/edit`),
    sv: /Redigera artikel[\s\S]*Spara artikeln/,
    en: /Edit article[\s\S]*Save article/,
  },
  {
    name: 'live desk',
    send: (s) => s.agent.get(`/desk/articles/${ids.articleId}`),
    sv: /Ny uppdatering[\s\S]*Fäst[\s\S]*Viktig händelse/,
    en: /New update[\s\S]*Pin[\s\S]*Key event/,
  },
  {
    name: 'update edit',
    send: (s) => s.agent.get(`/desk/updates/${ids.minuteUpdateId}/edit`),
    sv: /<h1>Redigera uppdatering<\/h1>[\s\S]*En rättelse/,
    en: /<h1>Edit update<\/h1>[\s\S]*A correction/,
  },
  {
    name: 'article history',
    send: (s) => s.agent.get(`/desk/articles/${ids.articleId}/history`),
    sv: /Borttagna uppdateringar \(1\)[\s\S]*Alla ändringar, nyaste först/,
    en: /Removed updates \(1\)[\s\S]*Every change, newest first/,
  },
  {
    name: 'update history',
    send: (s) => s.agent.get(`/desk/updates/${ids.minuteUpdateId}/history`),
    sv: /Historik för uppdateringen[\s\S]*Jämför de valda versionerna/,
    en: /History of the update[\s\S]*Compare the chosen revisions/,
  },
  {
    name: 'diff',
    send: (s) => s.agent.get(`/desk/updates/${ids.minuteUpdateId}/diff`),
    sv: /Borttagna ord är <del>överstrukna<\/del>/,
    en: /Deleted words are <del>struck through<\/del>/,
  },
  {
    name: 'people',
    send: (s) => s.agent.get('/desk/people'),
    sv: /<h1>Personer<\/h1>[\s\S]*Lägg till en person/,
    en: /<h1>People<\/h1>[\s\S]*Add a person/,
  },
  {
    name: 'person',
    send: (s) => s.agent.get('/desk/people/1'),
    sv: /Förekommer i \(2\)[\s\S]*Uppgifter/,
    en: /Appears in \(2\)[\s\S]*Details/,
  },
  {
    name: 'tags',
    send: (s) => s.agent.get('/desk/tags'),
    sv: /<h1>Ämnen<\/h1>[\s\S]*Byt namn/,
    en: /<h1>Tags<\/h1>[\s\S]*Rename/,
  },
  {
    name: 'search',
    send: (s) => s.agent.get('/desk/search?q=attack'),
    sv: /1 träff[\s\S]*Publicerad/,
    en: /1 result[\s\S]*Published/,
  },
  {
    name: 'import',
    send: (s) => s.agent.get('/desk/import'),
    sv: /<h1>Importera en utskrift<\/h1>[\s\S]*Förhandsgranska importen/,
    en: /<h1>Import a transcript<\/h1>[\s\S]*Preview the import/,
  },
  {
    name: 'import preview',
    send: async (s) =>
      s.agent
        .post('/desk/import/preview')
        .type('form')
        .send({ ...IMPORT, action: 'parse', _csrf: await s.token() }),
    sv: /<h1>Granska importen<\/h1>[\s\S]*1 föreslagen uppdatering/,
    en: /<h1>Check the import<\/h1>[\s\S]*1 proposed update,? /,
  },
  {
    name: 'tokens',
    send: (s) => s.agent.get('/desk/tokens'),
    sv: /<h1>API-nycklar<\/h1>[\s\S]*Skapa nyckel/,
    en: /<h1>API tokens<\/h1>[\s\S]*Create token/,
  },
  {
    name: 'account',
    send: (s) => s.agent.get('/desk/account'),
    sv: /<h1>Mitt konto<\/h1>[\s\S]*Byt lösenord/,
    en: /<h1>My account<\/h1>[\s\S]*Change password/,
  },
  {
    name: 'users',
    send: (s) => s.agent.get('/desk/users'),
    sv: /<h1>Användare<\/h1>[\s\S]*Nytt lösenord/,
    en: /<h1>Users<\/h1>[\s\S]*Reset password/,
  },
  {
    name: 'new account',
    send: (s) => s.agent.get('/desk/users/new'),
    sv: /<h1>Nytt konto<\/h1>[\s\S]*Första lösenord/,
    en: /<h1>New account<\/h1>[\s\S]*First password/,
  },
  {
    name: 'audit log',
    send: (s) => s.agent.get('/desk/audit'),
    sv: /<h1>Granskningslogg<\/h1>[\s\S]*Rensa filtren/,
    en: /<h1>Audit log<\/h1>[\s\S]*Clear filters/,
  },
  {
    name: '422 with a field error',
    send: async (s) =>
      s.agent
        .post(`/desk/articles/${ids.articleId}/updates`)
        .type('form')
        .send({
          date: '2026-12-09',
          time: '',
          headline: '',
          'blocks.0.type': 'qa',
          'blocks.0.question': 'Vad?',
          'blocks.0.answer': '',
          action: 'save',
          _csrf: await s.token(),
        }),
    sv: /Rätta fälten som är markerade nedan\. Inget har sparats\.[\s\S]*<p class="field-error" id="blocks\.0\.answer-error">Skriv svaret\.<\/p>/,
    en: /Please correct the fields marked below\. Nothing was saved\.[\s\S]*<p class="field-error" id="blocks\.0\.answer-error">Write the answer\.<\/p>/,
  },
  {
    name: '404 page',
    status: 404,
    send: (s) => s.agent.get('/desk/articles/999'),
    sv: /<h1>Sidan finns inte<\/h1>[\s\S]*Fel 404[\s\S]*Artikeln finns inte\./,
    en: /<h1>Page not found<\/h1>[\s\S]*Error 404[\s\S]*No such article\./,
  },
];

describe('the desk in the language each account chose', () => {
  for (const page of PAGES) {
    it(`when the ${page.name} is shown to a Swedish account, then it is Swedish with <html lang="sv">; an English one sees English`, async () => {
      const svPage = await page.send(sv);
      assert.match(svPage.text, /<html lang="sv">/, `${page.name}: lang`);
      assert.match(svPage.text, page.sv, page.name);
      assert.doesNotMatch(svPage.text, page.en, `${page.name}: no English left`);
      // Error pages have the site's header; the others the desk's menu.
      const menu =
        page.status === 404 ? /Förstasidan/ : /<a href="\/desk\/account">Mitt konto<\/a>[\s\S]*Logga ut/;
      assert.match(svPage.text, menu, `${page.name}: menu`);
      const enPage = await page.send(en);
      assert.equal(enPage.status, svPage.status, page.name);
      assert.match(enPage.text, /<html lang="en">/, `${page.name}: lang (en)`);
      assert.match(enPage.text, page.en, `${page.name} (en)`);
      assert.doesNotMatch(enPage.text, page.sv, `${page.name}: no Swedish in English`);
    });
  }

  it('when the live desk is Swedish, then its scripts get their sentences in Swedish through data-msg-* attributes', async () => {
    const page = await sv.agent.get(`/desk/articles/${ids.articleId}`).expect(200);
    assert.match(page.text, /data-msg-saved="Ordningen är sparad\. \{label\} står på plats \{position\}\."/);
    assert.match(page.text, /data-msg-position="\{index\} av \{total\}"/);
    assert.match(page.text, /data-msg-restore="Återställ utkastet"/);
    assert.match(page.text, /data-msg-also-here="Här är också: "/);
    assert.doesNotMatch(page.text, /data-msg-[a-z-]+="[^"]*(Order saved|Restore draft|Also here)/);
  });

  it('when a Swedish account may not open a page, then the 403 page is Swedish', async () => {
    const res = await sv.agent
      .post('/desk/users')
      .type('form')
      .send({
        email: 'jonas@example.com',
        displayName: 'Jonas',
        role: 'journalist',
        locale: 'sv',
        password: PASSWORD,
        _csrf: await sv.token(),
      })
      .expect(303);
    assert.equal(res.headers.location, '/desk/users?done=created');
    const jonas = await loginAs(app, 'jonas@example.com');
    const denied = await jonas.agent.get('/desk/audit').expect(403);
    assert.match(denied.text, /<html lang="sv">/);
    assert.match(denied.text, /<h1>Åtkomst nekad<\/h1>[\s\S]*Fel 403[\s\S]*Din roll tillåter inte det här\./);
  });

  it('when the desk language is saved, then the account page says so in the new language and it is audited', async () => {
    const s = await loginAs(app, 'eric@example.com');
    const res = await chooseLocale(s, 'sv');
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/desk/account?changed=locale');
    const page = await s.agent.get('/desk/account?changed=locale').expect(200);
    assert.match(page.text, /Redaktionssidorna visas nu på svenska\./);
    assert.match(page.text, /id="locale-sv" name="locale" value="sv" checked/);
    const back = await chooseLocale(s, 'en');
    assert.equal(back.status, 303);
    const english = await s.agent.get('/desk/account?changed=locale').expect(200);
    assert.match(english.text, /The desk now speaks English\./);
    const audit = await sv.agent.get('/desk/audit?action=user.locale_changed').expect(200);
    assert.match(audit.text, /{&#34;from&#34;:&#34;en&#34;,&#34;to&#34;:&#34;sv&#34;}/);
    assert.match(audit.text, /{&#34;from&#34;:&#34;sv&#34;,&#34;to&#34;:&#34;en&#34;}/);
  });

  it('when the language is not Swedish or English, then 422 with the field error, in the current language', async () => {
    const res = await sv.agent
      .post('/desk/account/locale')
      .type('form')
      .send({ locale: 'de', _csrf: await sv.token() })
      .expect(422);
    assert.match(res.text, /<p class="field-error" id="locale-error">Välj svenska eller engelska\.<\/p>/);
  });

  it('when the form has no valid CSRF token, then 403 and the language stays', async () => {
    const s = await loginAs(app, 'eric@example.com');
    await s.agent
      .post('/desk/account/locale')
      .type('form')
      .send({ locale: 'sv', _csrf: 'forged' })
      .expect(403);
    const page = await s.agent.get('/desk').expect(200);
    assert.match(page.text, /<html lang="en">/);
  });

  it('when a Swedish account logs out and in again, then the desk is still Swedish', async () => {
    const s = await loginAs(app, 'anna@example.com');
    await s.agent
      .post('/logout')
      .type('form')
      .send({ _csrf: await s.token() })
      .expect(303);
    const again = await loginAs(app, 'anna@example.com');
    const page = await again.agent.get('/desk').expect(200);
    assert.match(page.text, /<html lang="sv">[\s\S]*<h1>Översikt<\/h1>/);
  });

  it('when nobody is logged in, then the login page follows Accept-Language (English unless Swedish is preferred)', async () => {
    const plain = await request(app).get('/login').expect(200);
    assert.match(plain.text, /<html lang="en">[\s\S]*Log in to the desk/);
    assert.match(String(plain.headers.vary), /Accept-Language/);
    const swedish = await request(app)
      .get('/login')
      .set('Accept-Language', 'sv-SE,sv;q=0.9,en;q=0.8')
      .expect(200);
    assert.match(swedish.text, /<html lang="sv">[\s\S]*<h1>Logga in på redaktionen<\/h1>[\s\S]*Lösenord/);
    const agent = request.agent(app);
    const page = await agent.get('/login').set('Accept-Language', 'sv');
    const wrong = await agent
      .post('/login')
      .set('Accept-Language', 'sv')
      .type('form')
      .send({ email: 'nobody@example.com', password: 'wrong password', _csrf: csrfFrom(page.text) })
      .expect(401);
    assert.match(wrong.text, /Fel e-postadress eller lösenord\./);
  });
});
