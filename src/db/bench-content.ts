// Generated content for `dateline seed-bench`: articles, updates and people that read like a newsroom's,
// deterministic from a seed. Pure functions over the word banks in bench-words.ts; bench-seed.ts writes
// them through the services.

import { parseTags } from '../domain/article-input.js';
import { slugify } from '../domain/slug.js';
import type { BlockInput, Locale } from '../domain/types.js';
import type { UpdateInput } from '../domain/update-input.js';
import { FIRST_NAMES, LAST_NAMES, WORDS, type Topic, type Words } from './bench-words.js';

/** A small deterministic random source (mulberry32): the same seed gives the same sequence. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

export interface BenchPerson {
  name: string;
  title: string;
  organisation: string;
  note: string;
}

/** Up to `count` register entries with distinct names (first × last names, shuffled by the seed). */
export function benchPeople(random: Random, count: number): BenchPerson[] {
  const names = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => `${first} ${last}`));
  for (let i = names.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [names[i], names[j]] = [names[j] as string, names[i] as string];
  }
  return names.slice(0, count).map((name) => {
    const words = WORDS[random.chance(0.8) ? 'sv' : 'en'];
    return {
      name,
      title: random.pick(words.titlesOfPeople),
      organisation: random.pick(words.orgs),
      note: '',
    };
  });
}

/** One generated story: its metadata and what its text is about. */
export interface BenchStory {
  locale: Locale;
  timeZone: string;
  title: string;
  summary: string;
  tags: { slug: string; name: string }[];
  words: Words;
  topic: Topic;
  place: string;
  org: string;
  /** Names from the people register who answer questions in this story. */
  speakers: string[];
}

/** A story in `locale` about one topic, place and organisation, with 1–3 of `people` as speakers. */
export function benchStory(random: Random, locale: Locale, people: readonly string[]): BenchStory {
  const words = WORDS[locale];
  const topic = random.pick(words.topics);
  const base = { words, topic, place: random.pick(words.places), org: random.pick(words.orgs) };
  const speakers = Array.from({ length: random.int(1, 3) }, () => random.pick(people));
  const story = { ...base, locale, speakers, title: '', summary: '', tags: [] as BenchStory['tags'] };
  return {
    ...story,
    timeZone: locale === 'sv' ? 'Europe/Stockholm' : 'Europe/London',
    title: fill(random, story, random.pick(topic.titles)),
    summary: fill(random, story, random.pick(words.summaries)),
    tags: parseTags([...topic.tags, story.place].join(',')),
  };
}

/** Replaces the `{slot}`s of a template with the story's words (sometimes a neighbouring place). */
function fill(random: Random, story: Omit<BenchStory, 'timeZone'>, template: string): string {
  const { words, topic } = story;
  return template.replace(/\{(\w+)\}/g, (_all, slot: string) => {
    switch (slot) {
      case 'place':
        return random.chance(0.8) ? story.place : random.pick(words.places);
      case 'org':
        return random.chance(0.8) ? story.org : random.pick(words.orgs);
      case 'topic':
        return random.pick(topic.topic);
      case 'thing':
        return random.pick(topic.things);
      case 'day':
        return random.pick(words.days);
      case 'n':
        return String(random.int(12, 4800));
      default:
        return slot;
    }
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Markdown of 1–3 paragraphs, sometimes with a link or a list. */
function markdown(random: Random, story: BenchStory): string {
  const sentence = () => capitalise(fill(random, story, random.pick(story.words.sentences)));
  const paragraphs = Array.from({ length: random.int(1, 3) }, () =>
    Array.from({ length: random.int(2, 4) }, sentence).join(' '),
  );
  if (random.chance(0.3)) {
    const text = random.pick(story.words.linkText);
    const path = `${slugify(random.pick(story.topic.topic))}/${random.int(1, 999)}`;
    paragraphs.push(`${story.locale === 'sv' ? 'Läs' : 'Read'} [${text}](${story.words.linkHost}/${path}).`);
  }
  if (random.chance(0.2)) {
    const items = Array.from(
      { length: random.int(2, 4) },
      () => `- ${fill(random, story, random.pick(story.words.listItems))}`,
    );
    paragraphs.push(items.join('\n'));
  }
  return paragraphs.join('\n\n');
}

/** A run of 1–3 questions put to one speaker. */
function interview(random: Random, story: BenchStory): BlockInput[] {
  const speaker = random.pick(story.speakers);
  return Array.from({ length: random.int(1, 3) }, () => ({
    type: 'qa' as const,
    question: fill(random, story, random.pick(story.words.questions)),
    answer: Array.from({ length: random.int(1, 3) }, () =>
      fill(random, story, random.pick(story.words.answers)),
    ).join(' '),
    speaker,
    asker: null,
  }));
}

function pressRelease(random: Random, story: BenchStory): BlockInput {
  return {
    type: 'quote',
    text: fill(random, story, random.pick(story.words.releases)),
    source: fill(random, story, story.words.releaseSource),
  };
}

/** One dated update of the story: a text block first, then text, interview runs and press releases. */
export function benchUpdate(random: Random, story: BenchStory, datedAt: string): UpdateInput {
  const blocks: BlockInput[] = [{ type: 'text', markdown: markdown(random, story) }];
  for (let extra = random.int(0, 4); extra > 0; extra--) {
    const roll = random.next();
    if (roll < 0.4) blocks.push(...interview(random, story));
    else if (roll < 0.65) blocks.push(pressRelease(random, story));
    else blocks.push({ type: 'text', markdown: markdown(random, story) });
  }
  const headline = random.chance(0.7) ? fill(random, story, random.pick(story.words.headlines)) : null;
  return { datedAt, precision: 'minute', headline, blocks };
}
