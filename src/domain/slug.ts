// Letters that Unicode decomposition does not reduce to ASCII.
const SPECIAL: Record<string, string> = {
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
};

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Turns a title into a URL-safe slug: "Åtta a-kassor ur drift" → "atta-a-kassor-ur-drift". */
export function slugify(title: string, maxLength = 120): string {
  const ascii = title
    .toLowerCase()
    .replace(/[æøœßđðþł]/g, (ch) => SPECIAL[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
  const slug = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug === '' ? 'artikel' : slug;
}

/** The first of `base`, `base-2`, `base-3`, … that `taken` says is free. */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
