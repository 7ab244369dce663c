import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The names the views read from their locals, found in their code, for EJS's `destructuredLocals`: a
// compiled view then starts by copying these out of its locals into variables, instead of running its
// whole body inside `with (locals)`, where every name is looked up dynamically and V8 optimises nothing.
// The article page's template rendered in 60 µs instead of 110.
//
// Decisions:
// - Every identifier in a view's code that does not follow a dot counts, in every view: one list for all
//   views, because EJS compiles an included view with the options of the view that includes it, and keeps
//   one compiled copy per file. A name a view never gets is undefined, as an optional local was before.
// - Left out: JavaScript's reserved words, names of globals (Object, String, JSON: read from the global
//   object, as before), EJS's own names (`locals`, `include`, `__…`), and every name a view declares
//   itself (`const n = …`): EJS declares the copies with `let`, and a second declaration would not compile.
//   So a view must not declare a name that another view gets as a local; a test checks that.
// - Strings are blanked before the scan, so words in them are not names; a name too many costs nothing.

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if implements import in instanceof interface let new null package private ' +
    'protected public return static super switch this throw true try typeof var void while with yield ' +
    'await arguments eval'
  ).split(' '),
);

const TAG = /<%(?!%)([#_=-]?)([\s\S]*?)[-_]?%>/g;
const STRING = /'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`/g;
const DECLARED = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g;
const PARAMETERS = /\bfunction\s*[\w$]*\s*\(([^)]*)\)/g;
const NAME = /(?<![\w$.])[A-Za-z_$][\w$]*/g;

/** The identifiers a view's code reads, the ones it declares and its functions' parameters. */
export function viewNames(source: string): {
  read: Set<string>;
  declared: Set<string>;
  parameters: Set<string>;
} {
  const read = new Set<string>();
  const declared = new Set<string>();
  const parameters = new Set<string>();
  for (const [, kind, body = ''] of source.matchAll(TAG)) {
    if (kind === '#') continue;
    const code = body.replace(STRING, ' ');
    for (const [, name = ''] of code.matchAll(DECLARED)) declared.add(name);
    for (const [, list = ''] of code.matchAll(PARAMETERS))
      for (const [name] of list.matchAll(NAME)) parameters.add(name);
    for (const [name] of code.matchAll(NAME)) read.add(name);
  }
  return { read, declared, parameters };
}

/** Whether a name read by a view may be one of its locals. */
function isLocalName(name: string): boolean {
  return (
    !RESERVED.has(name) &&
    !(name in globalThis) &&
    name !== 'locals' &&
    name !== 'include' &&
    !name.startsWith('__')
  );
}

/** The source of every view under `dir` (the views folder), by file name relative to it. */
export function viewSources(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ejs'));
  return new Map(files.sort().map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

/** The names to destructure from the locals of every view under `dir` (the views folder). */
export function viewLocalNames(dir: string): string[] {
  const read = new Set<string>();
  const declared = new Set<string>();
  for (const source of viewSources(dir).values()) {
    const names = viewNames(source);
    for (const name of names.read) read.add(name);
    for (const name of names.declared) declared.add(name);
  }
  return [...read].filter((name) => isLocalName(name) && !declared.has(name)).sort();
}
