// Speaker proposals from attributions in running text: `säger Karin Berg`, `säger Nordhall IT:s operativa
// chef Karin Berg`, `enligt Karin Berg`, `says John Doe`, `John Doe said`. Pure; used by transcript.ts.

/** Verbs after which the speaker follows (`säger Karin Berg`, `said John Doe`). */
const VERBS_BEFORE_NAME = new Set(['säger', 'sa', 'sade', 'uppger', 'berättar', 'enligt', 'says', 'said']);
/** Verbs the speaker may come before (`John Doe said`). */
const VERBS_AFTER_NAME = new Set(['says', 'said']);
/** Words that end the search for a name after the verb: pronouns, prepositions, conjunctions. */
const STOP_WORDS = new Set(
  (
    'hon han hen de dem vi jag du ni man den det detta till i på för vid hos om med efter att som och men ' +
    'när där också även sedan nu då inte he she they we you it to in at for from of on with that who and ' +
    'but when also then now about by as after before not'
  ).split(' '),
);
/** Capitalised words that open sentences rather than names (`Then John Doe said`). */
const SENTENCE_OPENERS = new Set(
  (
    'Then But And So Later Today Yesterday Also Here There The This That When Now However Meanwhile ' +
    'Men Och Då Sedan Nu Här Där Det Den Detta Även Dock Senare Igår Idag'
  ).split(' '),
);
/** Words that make a capitalised run an organisation, not a person (`Kelmsford Borough Council said`). */
const ORGANISATION_WORDS = new Set(
  (
    'Council Borough County Kommun Region Regionen Myndighet Myndigheten Verket Kassan Bank Banken AB Inc ' +
    'Ltd Group Company Agency Department Ministry Office Police Polisen Times News Post'
  ).split(' '),
);
const TITLES = new Set(['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.']);
// A name word: a capital letter and at least one small letter (so `IT`, `CEO` and `VD` are not names).
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’-]*\p{Ll}[\p{L}\p{M}'’-]*\.?$/u;
const CAPITALISED = /^\p{Lu}/u;
const MAX_ROLE_WORDS = 4;
/** How far after the verb a name is looked for (`säger Nordhall IT:s operativa chef Karin Berg` is 6). */
const MAX_WORDS_AFTER_VERB = 10;

function bare(token: string): string {
  if (TITLES.has(token)) return token;
  return token.replace(/^[„“”"«»'’([]+/u, '').replace(/[,;:.!?„“”"«»'’)\]]+$/u, '');
}

function endsClause(token: string): boolean {
  return !TITLES.has(token) && /[,;:.!?][„“”"«»'’)\]]*$/u.test(token);
}

/**
 * A person's name from a run of capitalised words: role words that are not names (`CEO`) are dropped
 * from the front; what is left must be one to three name words. A single word (`Berg`) only counts when
 * it is part of a name already seen, and then stands for that full name.
 */
function personName(run: string[], known: readonly string[]): string | null {
  let words = run;
  while (words.length > 0 && (!NAME_WORD.test(words[0] ?? '') || SENTENCE_OPENERS.has(words[0] ?? ''))) {
    words = words.slice(1);
  }
  if (words.length === 0 || words.length > 3) return null;
  if (!words.every((word) => NAME_WORD.test(word) && !ORGANISATION_WORDS.has(word))) return null;
  if (words.length > 1) return words.join(' ');
  const [single = ''] = words;
  return known.findLast((name) => name.split(' ').includes(single)) ?? null;
}

/** The name after a verb: the first run of capitalised words that is a name, past role words. */
function nameAfter(tokens: string[], start: number, known: readonly string[]): string | null {
  let roleWords = 0;
  let index = start;
  const stop = Math.min(tokens.length, start + MAX_WORDS_AFTER_VERB);
  while (index < stop && roleWords <= MAX_ROLE_WORDS) {
    const token = tokens[index] ?? '';
    const word = bare(token);
    if (!/\p{L}/u.test(word)) return null;
    if (CAPITALISED.test(word)) {
      const run: string[] = [];
      let ended = false;
      while (index < stop && !ended) {
        const next = tokens[index] ?? '';
        if (!CAPITALISED.test(bare(next))) break;
        run.push(bare(next));
        ended = endsClause(next);
        index += 1;
      }
      const name = personName(run, known);
      if (name !== null) return name;
      if (ended) return null;
      roleWords = 0;
      continue;
    }
    if (STOP_WORDS.has(word.toLowerCase()) || endsClause(token)) return null;
    roleWords += 1;
    index += 1;
  }
  return null;
}

/** The name just before a verb (`John Doe said`). */
function nameBefore(tokens: string[], verb: number, known: readonly string[]): string | null {
  const run: string[] = [];
  for (let index = verb - 1; index >= 0 && run.length < 4; index -= 1) {
    const token = tokens[index] ?? '';
    if (endsClause(token) || !CAPITALISED.test(bare(token))) break;
    run.unshift(bare(token));
  }
  return run.length === 0 ? null : personName(run, known);
}

/**
 * The speaker the last attribution in `text` names, or null. `known` holds full names seen earlier, so
 * that a later `säger Berg` resolves to `Karin Berg`.
 */
export function attributionIn(text: string, known: readonly string[]): string | null {
  const tokens = text.split(/\s+/u).filter((token) => token !== '');
  let found: string | null = null;
  tokens.forEach((token, index) => {
    const word = bare(token).toLowerCase();
    let name: string | null = null;
    if (VERBS_AFTER_NAME.has(word)) name = nameBefore(tokens, index, known);
    if (name === null && VERBS_BEFORE_NAME.has(word) && !endsClause(token)) {
      name = nameAfter(tokens, index + 1, known);
    }
    if (name === null && word === 'according' && bare(tokens[index + 1] ?? '') === 'to') {
      name = nameAfter(tokens, index + 2, known);
    }
    if (name !== null) found = name;
  });
  return found;
}
