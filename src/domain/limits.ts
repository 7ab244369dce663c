// Field limits, shared by validators and the forms' maxlength attributes.
export const LIMITS = {
  title: 200,
  slug: 120,
  summary: 600,
  tag: 50,
  tags: 20,
  headline: 200,
  markdown: 20_000,
  question: 2_000,
  answer: 10_000,
  quote: 5_000,
  source: 200,
  speaker: 120,
  asker: 120,
  blocks: 60,
  email: 254,
  displayName: 100,
  passwordMin: 12,
  passwordMax: 256,
  /** A correction's public note, and a purge's reason. */
  correction: 500,
} as const;

export const PAGE_SIZE = 20;
