// Reads the labelled financial sentiment sets and splits them the same way every time.
//
// Split rule (documented in EVAL.md): SEntFiN headlines go to the test split when
// fnv1a32(title) % 10 < 2 (about 20%), else to train; within train, % 10 === 2 is the dev
// slice used to choose settings. Twitter financial news: sent_train.csv is train (dev slice
// by the same hash rule), sent_valid.csv is the test split. Nothing reads the test split
// while training.
import { readFileSync } from 'node:fs';
import { entityViews, findNameSpans, type EntityView, type KeyedSpan } from '../../src/core/sentiment/entity-text.ts';
import { featureTokens } from '../../src/core/text/tokens.ts';
import type { SentimentClass } from '../../src/core/sentiment/model.ts';

export interface Example {
  /** The text the scorer reads (for entities: the masked clauses about the entity). */
  readonly text: string;
  readonly label: SentimentClass;
  /** The whole headline or tweet, for scorers that cannot read per entity. */
  readonly full: string;
  readonly source: 'sentfin' | 'twitter' | 'own';
  readonly entity?: string;
  /**
   * For an entity found in its headline: every labelled entity's mentions in it (the analyzer
   * reads a ticker from the clauses about it, with the other companies masked apart). `text` is
   * then the text of this entity's clauses.
   */
  readonly mentions?: ReadonlyArray<KeyedSpan<string>>;
}

export interface Headline {
  readonly title: string;
  readonly entities: ReadonlyArray<{ name: string; label: SentimentClass }>;
}

export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export type Part = 'train' | 'dev' | 'test';

export function sentfinPart(title: string): Part {
  const b = fnv1a32(title) % 10;
  return b < 2 ? 'test' : b === 2 ? 'dev' : 'train';
}

export function twitterTrainPart(text: string): Exclude<Part, 'test'> {
  return fnv1a32(text) % 10 === 2 ? 'dev' : 'train';
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const DECISION_RE = /(['"])((?:(?!\1).)+)\1\s*:\s*'(positive|negative|neutral)'/g;

export function parseDecisions(s: string): Array<{ name: string; label: SentimentClass }> {
  return [...s.matchAll(DECISION_RE)].map((m) => ({ name: m[2] ?? '', label: m[3] as SentimentClass }));
}

export function readSentfin(path: string): Headline[] {
  const rows = parseCsv(readFileSync(path, 'utf8'));
  const header = rows.shift() ?? [];
  const ti = header.indexOf('Title');
  const di = header.indexOf('Decisions');
  return rows
    .filter((r) => r.length > Math.max(ti, di))
    .map((r) => ({ title: r[ti] ?? '', entities: parseDecisions(r[di] ?? '') }))
    .filter((h) => h.title.length > 0 && h.entities.length > 0);
}

const TWITTER_LABELS: Record<string, SentimentClass> = { '0': 'negative', '1': 'positive', '2': 'neutral' };

export function readTwitter(path: string): Example[] {
  const rows = parseCsv(readFileSync(path, 'utf8'));
  rows.shift();
  const out: Example[] = [];
  for (const r of rows) {
    const label = TWITTER_LABELS[r[1] ?? ''];
    if (label === undefined || r[0] === undefined) continue;
    out.push({ text: r[0], full: r[0], label, source: 'twitter' });
  }
  return out;
}

/** One example per labelled entity, read from the clauses about it. */
export function entityExamples(headlines: readonly Headline[]): Example[] {
  const out: Example[] = [];
  for (const h of headlines) {
    const mentions = h.entities.flatMap((e) => findNameSpans(h.title, e.name).map((span) => ({ key: e.name, span })));
    const views = entityViews(h.title, mentions);
    for (const e of h.entities) {
      const view = views.get(e.name);
      const base = { full: h.title, label: e.label, source: 'sentfin', entity: e.name } as const;
      out.push(view === undefined ? { ...base, text: h.title } : { ...base, text: view.text.trim(), mentions });
    }
  }
  return out;
}

/** The team's own sentences (own-data.ts), each read per entity as the analyzer reads a ticker: from the clauses about it. */
export function ownExamples(
  sentences: ReadonlyArray<{ text: string; entity: string; label: SentimentClass }>,
): Example[] {
  return sentences.map((s) => {
    const mentions = findNameSpans(s.text, s.entity).map((span) => ({ key: s.entity, span }));
    const view = entityViews(s.text, mentions).get(s.entity);
    const base = { full: s.text, label: s.label, source: 'own', entity: s.entity } as const;
    return view === undefined ? { ...base, text: s.text } : { ...base, text: view.text.trim(), mentions };
  });
}

/** The feature tokens and rule text an example is read from: its entity's clauses, or its whole text. */
export function exampleView(e: Example): EntityView {
  const view = e.mentions === undefined ? undefined : entityViews(e.full, e.mentions).get(e.entity ?? '');
  return view ?? { tokens: featureTokens(e.text), text: e.text, name: null };
}

export interface Splits {
  readonly train: Example[];
  readonly dev: Example[];
  readonly sentfinTest: Example[];
  readonly twitterTest: Example[];
  readonly sentfinTestHeadlines: Headline[];
}

/** Train and dev only: never opens sent_valid.csv, and drops the SEntFiN test headlines as soon as they are parsed. */
export function loadTrainDev(dataDir: string): Pick<Splits, 'train' | 'dev'> {
  const headlines = readSentfin(`${dataDir}/sentiment/sentfin/SEntFiN.csv`).filter(
    (h) => sentfinPart(h.title) !== 'test',
  );
  const byPart = (p: Part): Headline[] => headlines.filter((h) => sentfinPart(h.title) === p);
  const tw = readTwitter(`${dataDir}/sentiment/twitter-financial-news-sentiment/sent_train.csv`);
  return {
    train: [...entityExamples(byPart('train')), ...tw.filter((e) => twitterTrainPart(e.text) === 'train')],
    dev: [...entityExamples(byPart('dev')), ...tw.filter((e) => twitterTrainPart(e.text) === 'dev')],
  };
}

export function loadSplits(dataDir: string): Splits {
  const headlines = readSentfin(`${dataDir}/sentiment/sentfin/SEntFiN.csv`);
  const byPart = (p: Part): Headline[] => headlines.filter((h) => sentfinPart(h.title) === p);
  const tw = readTwitter(`${dataDir}/sentiment/twitter-financial-news-sentiment/sent_train.csv`);
  return {
    train: [...entityExamples(byPart('train')), ...tw.filter((e) => twitterTrainPart(e.text) === 'train')],
    dev: [...entityExamples(byPart('dev')), ...tw.filter((e) => twitterTrainPart(e.text) === 'dev')],
    sentfinTest: entityExamples(byPart('test')),
    twitterTest: readTwitter(`${dataDir}/sentiment/twitter-financial-news-sentiment/sent_valid.csv`),
    sentfinTestHeadlines: byPart('test'),
  };
}
