import { plural } from '../i18n.js';

// Swedish for the English sentences that the domain, the services and the routes produce: field errors,
// refusals (403/404/409), notices. Those stay English at their source because the JSON API and the CLI
// speak English; the desk shows them through `msg()` (desk-i18n.ts), which looks a sentence up here,
// first exactly, then by pattern for the few that carry a number or a name. test/unit/desk-i18n.test.ts
// checks that every such sentence in src/ has its Swedish here.

const num = (value: string) => new Intl.NumberFormat('sv').format(Number(value));

/** Fixed sentences and labels, English → Swedish. */
export const SV_MESSAGES: Readonly<Record<string, string>> = {
  // Validation (domain/*-input.ts, change-kind.ts, import-form.ts) and field errors of the services
  'Add at least one block with some text.': 'Lägg till minst ett block med text.',
  'Give a valid date (and optionally a time).': 'Ange ett giltigt datum (och om du vill en tid).',
  'Remove the invisible control characters.': 'Ta bort de osynliga styrtecknen.',
  'Write the question.': 'Skriv frågan.',
  'Write the answer.': 'Skriv svaret.',
  'Write the quoted text.': 'Skriv den citerade texten.',
  'Unknown block type.': 'Okänd blocktyp.',
  'Give the article a title.': 'Ge artikeln en titel.',
  'Use only lowercase letters a–z, digits and single hyphens.':
    'Använd bara små bokstäver a–z, siffror och enkla bindestreck.',
  'Choose Swedish or English.': 'Välj svenska eller engelska.',
  'Choose a time zone such as Europe/Stockholm.': 'Välj en tidszon, till exempel Europe/Stockholm.',
  'Give the slug of the article in the other language, e.g. it-attack-english.':
    'Ange sluggen för artikeln på det andra språket, t.ex. it-attack-english.',
  'Give a valid email address.': 'Ange en giltig e-postadress.',
  'Choose journalist, editor or admin.': 'Välj journalist, redaktör eller administratör.',
  'Give the person a name.': 'Ge personen ett namn.',
  'Choose a silent fix or a correction.': 'Välj en tyst rättning eller en rättelse.',
  'Write the correction note that readers will see.': 'Skriv rättelsenotisen som läsarna ska se.',
  'Paste a transcript first.': 'Klistra in en utskrift först.',
  'This looks like a binary file, not text.': 'Det här ser ut som en binärfil, inte text.',
  'Give a four-digit year.': 'Ange ett årtal med fyra siffror.',
  'Give the new article a title, or choose an article to add to.':
    'Ge den nya artikeln en titel, eller välj en artikel att lägga till i.',
  'There is nothing left to import.': 'Det finns inget kvar att importera.',
  'The transcript gives no date here: choose one, or move these blocks into the next update.':
    'Utskriften anger inget datum här: välj ett, eller flytta blocken till nästa uppdatering.',
  'Too many updates in one import.': 'För många uppdateringar i en import.',
  'Too many blocks in one update.': 'För många block i en uppdatering.',
  'There is no later update to move these blocks into.':
    'Det finns ingen senare uppdatering att flytta blocken till.',
  'That block has no blank line or line break to split it at.':
    'Blocket har ingen tom rad eller radbrytning att dela det vid.',
  'That is the last block of its update: there is nothing to merge it with.':
    'Det är det sista blocket i uppdateringen: det finns inget att slå ihop det med.',
  'Another article already uses this slug.': 'En annan artikel använder redan den sluggen.',
  'Another entry has this name and organisation. Merge the two instead.':
    'En annan post har samma namn och organisation. Slå ihop dem i stället.',
  'An account with this email already exists.': 'Det finns redan ett konto med den e-postadressen.',
  'The current password is not right.': 'Det nuvarande lösenordet stämmer inte.',
  'Give the token a name, e.g. the script or tool that will use it.':
    'Ge nyckeln ett namn, t.ex. skriptet eller verktyget som ska använda den.',
  'Give the tag a name.': 'Ge ämnet ett namn.',
  'A tag name cannot contain a comma.': 'Ett ämnesnamn kan inte innehålla kommatecken.',
  'An article cannot be its own translation.': 'En artikel kan inte vara sin egen översättning.',
  'No article you can work on has this slug.': 'Ingen artikel som du arbetar med har den sluggen.',
  'The translation must be in the other language.': 'Översättningen måste vara på det andra språket.',
  // Refusals of the services (403, 404, 409)
  'No such account.': 'Kontot finns inte.',
  'No such article.': 'Artikeln finns inte.',
  'No such person in the register.': 'Personen finns inte i registret.',
  'No such tag.': 'Ämnet finns inte.',
  'No such token.': 'Nyckeln finns inte.',
  'No such update.': 'Uppdateringen finns inte.',
  'This update has no such revision.': 'Uppdateringen har ingen sådan version.',
  'Log in first.': 'Logga in först.',
  'Only admins manage accounts.': 'Bara administratörer hanterar konton.',
  'Only admins can purge updates.': 'Bara administratörer kan radera uppdateringar för gott.',
  'Only editors assign journalists to articles.': 'Bara redaktörer sätter journalister på artiklar.',
  'Only editors can publish or unpublish articles.':
    'Bara redaktörer kan publicera och avpublicera artiklar.',
  'Only editors can publish or unpublish updates.':
    'Bara redaktörer kan publicera och avpublicera uppdateringar.',
  'Only editors can publish updates on this article.':
    'Bara redaktörer kan publicera uppdateringar i den här artikeln.',
  'Only editors can move published updates or the work of others.':
    'Bara redaktörer kan flytta publicerade uppdateringar eller andras arbete.',
  'Only editors can remove published updates or the work of others.':
    'Bara redaktörer kan ta bort publicerade uppdateringar eller andras arbete.',
  'Only editors can restore an earlier revision of a published update.':
    'Bara redaktörer kan återställa en tidigare version av en publicerad uppdatering.',
  'Only editors can restore removed updates.': 'Bara redaktörer kan återställa borttagna uppdateringar.',
  'Only editors merge people.': 'Bara redaktörer slår ihop personer.',
  'Only editors pin, mark key events, reorder and end coverage.':
    'Bara redaktörer fäster, markerar viktiga händelser, ändrar ordningen och avslutar direktrapporteringar.',
  'Only editors rename and merge tags.': 'Bara redaktörer byter namn på och slår ihop ämnen.',
  'You are not assigned to this article.': 'Du är inte satt på den här artikeln.',
  'You can only create your own tokens.': 'Du kan bara skapa dina egna nycklar.',
  'Your role does not allow this.': 'Din roll tillåter inte det här.',
  'Choose two different entries to merge.': 'Välj två olika poster att slå ihop.',
  'Choose two different tags to merge.': 'Välj två olika ämnen att slå ihop.',
  'Only a published update can be corrected, with a public note.':
    'Bara en publicerad uppdatering kan få en rättelse med en publik notis.',
  'Only a removed update can be purged: remove it first.':
    'Bara en borttagen uppdatering kan raderas för gott: ta bort den först.',
  'Someone else changed this article while you were editing it.':
    'Någon annan ändrade artikeln medan du redigerade den.',
  'Someone else changed this update while you were editing it.':
    'Någon annan ändrade uppdateringen medan du redigerade den.',
  'The account is disabled.': 'Kontot är avstängt.',
  'The last admin cannot be disabled or demoted. Make another admin first.':
    'Den sista administratören kan inte stängas av eller få en annan roll. Gör någon annan till administratör först.',
  'The list of updates has changed meanwhile. Reload and try again.':
    'Listan med uppdateringar har ändrats under tiden. Ladda om och försök igen.',
  'This update was not removed.': 'Uppdateringen är inte borttagen.',
  'This update was removed: restore the update itself first.':
    'Uppdateringen är borttagen: återställ själva uppdateringen först.',
  // Routes: refusals, bad requests, notices
  'There is nothing at this address.': 'Det finns inget på den här adressen.',
  'There is no published article at this address.': 'Det finns ingen publicerad artikel på den här adressen.',
  'There is no topic at this address.': 'Det finns inget ämne på den här adressen.',
  'There is no such page.': 'Sidan finns inte.',
  'There is no such page of results.': 'Den sidan med träffar finns inte.',
  'There is no such page of updates.': 'Den sidan med uppdateringar finns inte.',
  'There is no such update in this article.': 'Uppdateringen finns inte i den här artikeln.',
  'This update has no revisions.': 'Uppdateringen har inga versioner.',
  'This form could not be accepted (it did not come from this site, or it expired). Reload the page and try again.':
    'Formuläret kunde inte tas emot (det kom inte från den här webbplatsen, eller så har det gått ut). Ladda om sidan och försök igen.',
  'Invalid or missing form token. Reload the page and try again.':
    'Formulärets nyckel saknas eller är ogiltig. Ladda om sidan och försök igen.',
  'This form does not say which version it started from, so your changes cannot be applied on top. Copy your text, then start again from the current version.':
    'Formuläret anger inte vilken version det utgick från, så dina ändringar kan inte läggas ovanpå. Kopiera din text och börja sedan om från den nuvarande versionen.',
  'An unexpected error occurred. It has been logged.': 'Ett oväntat fel inträffade. Det har loggats.',
  'The newsroom database cannot be written right now; nothing was saved. Try again in a moment.':
    'Redaktionens databas kan inte skrivas till just nu; inget har sparats. Försök igen om en stund.',
  'The request is too large.': 'Förfrågan är för stor.',
  'The request could not be read.': 'Förfrågan kunde inte läsas.',
  'The body is not valid JSON.': 'Innehållet är inte giltig JSON.',
  'The body must be JSON in UTF-8.': 'Innehållet måste vara JSON i UTF-8.',
  'Send a valid API token: Authorization: Bearer <token>.':
    'Skicka en giltig API-nyckel: Authorization: Bearer <nyckel>.',
  'Last-Event-ID must be a whole number.': 'Last-Event-ID måste vara ett heltal.',
  'Choose a revision to restore.': 'Välj en version att återställa.',
  'The version must be a number.': 'Versionen måste vara ett tal.',
  'The form is missing its version. Reload the page.': 'Formuläret saknar sin version. Ladda om sidan.',
  'Choose an article from the list.': 'Välj en artikel i listan.',
  'Choose the entry to merge into.': 'Välj posten att slå ihop med.',
  'Search for a name of at most 120 characters.': 'Sök på ett namn med högst 120 tecken.',
  'Expected on or off.': 'Väntade på eller av.',
  'Move up or down.': 'Flytta upp eller ned.',
  'The order must be a comma-separated list of update ids.':
    'Ordningen måste vara en kommaseparerad lista med uppdateringarnas id.',
  '"updateId" must be the id of an update.': '”updateId” måste vara id för en uppdatering.',
  '"q" must be given once, as text.': '”q” ska anges en gång, som text.',
  '"since" must be a date and time such as 2026-12-08T14:04:00Z.':
    '”since” måste vara ett datum och en tid, till exempel 2026-12-08T14:04:00Z.',
  'That update is not part of this article.': 'Uppdateringen hör inte till den här artikeln.',
  'Unknown action.': 'Okänd händelse.',
  'Unknown form action.': 'Okänd formulärknapp.',
  'Unknown role.': 'Okänd roll.',
  'Wrong email or password.': 'Fel e-postadress eller lösenord.',
  'The two new passwords are not the same.': 'De två nya lösenorden är inte likadana.',
  'Give the reason for purging this update: it goes into the audit log.':
    'Ange skälet till att uppdateringen raderas: det sparas i granskningsloggen.',
  'The account was created.': 'Kontot har skapats.',
  'The account was disabled and its sessions have ended.':
    'Kontot har stängts av och dess inloggningar har avslutats.',
  'The account was enabled.': 'Kontot har aktiverats.',
  'The role was saved. A new role takes effect when the account logs in again.':
    'Rollen har sparats. En ny roll gäller när kontot loggar in igen.',
  'The token was revoked. Calls with it now answer 401.':
    'Nyckeln har återkallats. Anrop med den besvaras nu med 401.',
  'The block types you chose are applied below. Check the blocks, then save again.':
    'Blocktyperna du valde har tillämpats nedan. Granska blocken och spara sedan igen.',
  // Merge notes and the labels of the fields they point at (domain/merge-hint.ts)
  'Changed both by you and in the current version. The form holds the current text; yours is shown here.':
    'Ändrat både av dig och i den nuvarande versionen. Formuläret har den nuvarande texten; din visas här.',
  'This block was removed or rewritten in the current version; your edited block is kept here. Remove it if it should go.':
    'Blocket togs bort eller skrevs om i den nuvarande versionen; ditt redigerade block finns kvar här. Ta bort det om det ska bort.',
  'You removed this block, but it was changed in the current version, so it is kept. Remove it again if it should go.':
    'Du tog bort blocket, men det ändrades i den nuvarande versionen, så det finns kvar. Ta bort det igen om det ska bort.',
  Date: 'Datum',
  Time: 'Tid',
  Headline: 'Rubrik',
};

// "The title must be at most 200 characters.": the subjects `checkLength` is given.
const SUBJECTS: Readonly<Record<string, string>> = {
  'The text': 'Texten',
  'The question': 'Frågan',
  'The answer': 'Svaret',
  'The speaker': 'Talaren',
  'The asker': 'Frågeställaren',
  'The quote': 'Citatet',
  'The source': 'Källan',
  'The headline': 'Rubriken',
  'The title': 'Titeln',
  'The slug': 'Slugen',
  'The summary': 'Ingressen',
  'The email address': 'E-postadressen',
  'The name': 'Namnet',
  'The organisation': 'Organisationen',
  'The note': 'Anteckningen',
  'The correction note': 'Rättelsenotisen',
};

const BLOCKS: Readonly<Record<string, string>> = {
  Text: 'Text',
  'Question and answer': 'Fråga och svar',
  Quote: 'Citat',
};
const FIELDS: Readonly<Record<string, string>> = {
  text: 'text',
  question: 'fråga',
  answer: 'svar',
  speaker: 'talare',
  'asked by': 'frågan ställd av',
  'quoted text': 'citerad text',
  source: 'källa',
};

type Pattern = readonly [RegExp, (...groups: string[]) => string | undefined];

/** Sentences with a number or a name in them; a pattern answering undefined leaves the English. */
export const SV_PATTERNS: readonly Pattern[] = [
  [
    /^(The [a-z ]+) must be at most (\d+) characters\.$/,
    (subject, max) => SUBJECTS[subject] && `${SUBJECTS[subject]} får vara högst ${num(max)} tecken.`,
  ],
  [/^At most (\d+) blocks in one update\.$/, (max) => `Högst ${num(max)} block i en uppdatering.`],
  [/^At most (\d+) tags\.$/, (max) => `Högst ${num(max)} ämnen.`],
  [/^At most (\d+) characters\.$/, (max) => `Högst ${num(max)} tecken.`],
  [/^Each tag at most (\d+) characters\.$/, (max) => `Varje ämne får vara högst ${num(max)} tecken.`],
  [
    /^The password must be (\d+) to (\d+) characters\.$/,
    (min, max) => `Lösenordet ska vara ${num(min)} till ${num(max)} tecken.`,
  ],
  [
    /^The transcript is larger than (\d+) MB\. Import it in parts\.$/,
    (mb) => `Utskriften är större än ${num(mb)} MB. Importera den i delar.`,
  ],
  [
    /^The tag "(.*)" already has this address \(\/tags\/(.*)\): merge them instead\.$/s,
    (name, slug) => `Ämnet ”${name}” har redan den adressen (/tags/${slug}): slå ihop dem i stället.`,
  ],
  [
    /^There is no tag called "(.*)" to merge into\.$/s,
    (name) => `Det finns inget ämne som heter ”${name}” att slå ihop med.`,
  ],
  [
    /^Too many failed attempts\. Try again in (\d+) minutes\.$/,
    (n) => `För många misslyckade försök. Försök igen om ${plural('sv', Number(n), 'minut', 'minuter')}.`,
  ],
  [
    /^Someone else saved this article while you were editing it; it is now version (\d+)\. Nothing of yours was saved, and your text is kept in the form\.$/,
    (version) =>
      `Någon annan sparade artikeln medan du redigerade den; nu är den version ${version}. Inget av ditt har sparats, och din text finns kvar i formuläret.`,
  ],
  [/^No article has the slug (.*)\.$/s, (slug) => `Ingen artikel har sluggen ${slug}.`],
  [
    /^The field "(.*)" must be given once, as text\.$/s,
    (name) => `Fältet ”${name}” ska skickas en gång, som text.`,
  ],
  [/^"(.*)" must be given once\.$/s, (name) => `”${name}” ska anges en gång.`],
  [/^"(.*)" must be a positive whole number\.$/s, (name) => `”${name}” måste vara ett positivt heltal.`],
  [/^"(.*)" must be a date \(YYYY-MM-DD\)\.$/s, (name) => `”${name}” måste vara ett datum (ÅÅÅÅ-MM-DD).`],
  [/^"(.*)" must be a revision number\.$/s, (name) => `”${name}” måste vara ett versionsnummer.`],
  [/^"(.*)" must be one of: (.*)\.$/s, (name, list) => `”${name}” måste vara något av: ${list}.`],
  [
    /^Block (\d+) \(([A-Za-z ]+)\), ([a-z ]+)$/,
    (n, type, field) => BLOCKS[type] && FIELDS[field] && `Block ${n} (${BLOCKS[type]}), ${FIELDS[field]}`,
  ],
  [
    /^Your block (\d+) \(([A-Za-z ]+)\): only in your version$/,
    (n, type) => BLOCKS[type] && `Ditt block ${n} (${BLOCKS[type]}): bara i din version`,
  ],
  [
    /^Current block (\d+) \(([A-Za-z ]+)\): only in the current version$/,
    (n, type) => BLOCKS[type] && `Nuvarande block ${n} (${BLOCKS[type]}): bara i den nuvarande versionen`,
  ],
];

/** The Swedish of an English sentence produced by the code, or undefined when there is none. */
export function swedishFor(text: string): string | undefined {
  const exact = SV_MESSAGES[text];
  if (exact !== undefined) return exact;
  for (const [pattern, translate] of SV_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return translate(...match.slice(1).map((group) => group ?? ''));
  }
  return undefined;
}
