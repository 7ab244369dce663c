// A small word diff for the revision history: longest common subsequence over tokens (words, single
// punctuation marks and runs of white space). Pure; no dependencies.
//
// The LCS table is quadratic, so it is only built over the part between the common prefix and suffix
// and only up to MAX_CELLS cells. A larger change is diffed line by line first, and the changed runs of
// lines word by word when they fit; what still does not fit is shown as deleted and inserted whole.

export type DiffOp = 'same' | 'del' | 'ins';

/** One run of text: kept, deleted (only in the old text) or inserted (only in the new text). */
export interface DiffPart {
  op: DiffOp;
  text: string;
}

const MAX_CELLS = 4_000_000;

/** Words, single punctuation marks and white space, in order; joined they give the text back. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];
}

/** The LCS edit script of two token lists, or null when the table would be too large. */
function lcs(a: string[], b: string[], maxCells: number): DiffPart[] | null {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) > maxCells) return null;
  const parts: DiffPart[] = a.slice(0, start).map((text) => ({ op: 'same', text }));
  // table[i][j]: the LCS length of a[start+i..endA) and b[start+j..endB).
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * width + j] =
        a[start + i] === b[start + j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const x = a[start + i] ?? '';
    const y = b[start + j] ?? '';
    if (i < n && j < m && x === y) {
      parts.push({ op: 'same', text: x });
      i += 1;
      j += 1;
    } else if (j < m && (i === n || (table[i * width + j + 1] ?? 0) >= (table[(i + 1) * width + j] ?? 0))) {
      parts.push({ op: 'ins', text: y });
      j += 1;
    } else {
      parts.push({ op: 'del', text: x });
      i += 1;
    }
  }
  for (const text of a.slice(endA)) parts.push({ op: 'same', text });
  return parts;
}

/**
 * Joins neighbours with the same op, and makes white space between two changes part of the change, so
 * "a b c" → "x y z" reads as one deletion and one insertion instead of three interleaved pairs.
 */
export function tidy(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del !== '') out.push({ op: 'del', text: del });
    if (ins !== '') out.push({ op: 'ins', text: ins });
    del = '';
    ins = '';
  };
  parts.forEach((part, index) => {
    if (part.text === '') return;
    if (part.op === 'del') del += part.text;
    else if (part.op === 'ins') ins += part.text;
    else {
      const next = parts.slice(index + 1).find((p) => p.text !== '');
      const between = (del !== '' || ins !== '') && next !== undefined && next.op !== 'same';
      if (between && /^\s+$/.test(part.text)) {
        del += part.text;
        ins += part.text;
        return;
      }
      flush();
      const last = out.at(-1);
      if (last?.op === 'same') last.text += part.text;
      else out.push({ op: 'same', text: part.text });
    }
  });
  flush();
  return out;
}

/** Splits text into lines, each keeping its line break. */
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The word diff of two texts: joined, the `same` and `del` parts give `before`, `same` and `ins` give `after`. */
export function diffWords(before: string, after: string, maxCells = MAX_CELLS): DiffPart[] {
  const words = lcs(tokenize(before), tokenize(after), maxCells);
  if (words) return tidy(words);
  // Too large for one table: lines first, then the changed runs of lines word by word.
  const byLine = lcs(lines(before), lines(after), maxCells) ?? [
    { op: 'del', text: before },
    { op: 'ins', text: after },
  ];
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del !== '' || ins !== '') {
      const inner = del !== '' && ins !== '' ? lcs(tokenize(del), tokenize(ins), maxCells) : null;
      out.push(
        ...(inner ?? [
          { op: 'del' as const, text: del },
          { op: 'ins' as const, text: ins },
        ]),
      );
    }
    del = '';
    ins = '';
  };
  for (const part of byLine) {
    if (part.op === 'del') del += part.text;
    else if (part.op === 'ins') ins += part.text;
    else {
      flush();
      out.push(part);
    }
  }
  flush();
  return tidy(out);
}

/** True when the diff has an insertion or a deletion. */
export function hasChanges(parts: DiffPart[]): boolean {
  return parts.some((part) => part.op !== 'same');
}

/**
 * Pairs two sequences by their LCS under `key`: equal items are matched, and what lies between two
 * matches is returned as unmatched runs (old, new) for the caller to pair up or show whole.
 */
export function alignSequences<T>(
  before: T[],
  after: T[],
  key: (item: T) => string,
): ({ kind: 'same'; before: T; after: T } | { kind: 'changed'; before: T[]; after: T[] })[] {
  const script = lcs(before.map(key), after.map(key), MAX_CELLS) ?? [
    ...before.map((item) => ({ op: 'del' as const, text: key(item) })),
    ...after.map((item) => ({ op: 'ins' as const, text: key(item) })),
  ];
  const out: ({ kind: 'same'; before: T; after: T } | { kind: 'changed'; before: T[]; after: T[] })[] = [];
  let i = 0;
  let j = 0;
  let run: { kind: 'changed'; before: T[]; after: T[] } | undefined;
  for (const step of script) {
    if (step.op === 'same') {
      run = undefined;
      out.push({ kind: 'same', before: before[i] as T, after: after[j] as T });
      i += 1;
      j += 1;
      continue;
    }
    if (!run) {
      run = { kind: 'changed', before: [], after: [] };
      out.push(run);
    }
    if (step.op === 'del') run.before.push(before[i++] as T);
    else run.after.push(after[j++] as T);
  }
  return out;
}
