// Reads the team's own labelled sentences (labelled/own/sentiment-*.jsonl, written under
// docs/labelling.md) and splits them the same way every time.
//
// Split rule: a sentence goes to the test split when fnv1a32(group) % 10 < 3 (about 30% of the
// groups), else to train. Every sentence about one company shares a group (checked here, across
// files), so neither variants nor a company's name straddle the split. Nothing tuned on this set
// may read the test split.
import { readFileSync, readdirSync } from 'node:fs';
import { repoRoot } from './data-dir.ts';
import { fnv1a32 } from './sentiment-data.ts';

export const OWN_LABELS = ['negative', 'neutral', 'positive'] as const;
export const OWN_STYLES = ['press-release', 'wire-headline', 'analyst-note', 'regulatory'] as const;
export type OwnLabel = (typeof OWN_LABELS)[number];
export type OwnStyle = (typeof OWN_STYLES)[number];

export interface OwnSentence {
  readonly id: string;
  /** Every sentence about one company shares a group; the split keeps a group on one side. */
  readonly group: string;
  readonly text: string;
  /** The company whose shareholders the label speaks for, as written in the text. */
  readonly entity: string;
  readonly label: OwnLabel;
  readonly style: OwnStyle;
}

export interface OwnSplits {
  readonly train: OwnSentence[];
  readonly test: OwnSentence[];
}

export const ownDataDir = `${repoRoot}labelled/own`;
const FILE_RE = /^sentiment-.+\.jsonl$/;
const FIELDS = ['id', 'group', 'text', 'entity', 'label', 'style'] as const;

export class OwnDataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'OwnDataError';
  }
}

export function ownPart(group: string): keyof OwnSplits {
  return fnv1a32(group) % 10 < 3 ? 'test' : 'train';
}

const isOneOf = <T extends string>(set: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (set as readonly string[]).includes(v);

/** One line of a file, checked; `file` and `line` only name the place in errors. */
export function parseOwnLine(raw: string, file: string, line: number): OwnSentence {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    throw new OwnDataError(file, line, `invalid JSON (${(e as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new OwnDataError(file, line, 'expected one JSON object');
  const o = v as Record<string, unknown>;
  const unknownKey = Object.keys(o).find((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknownKey !== undefined)
    throw new OwnDataError(file, line, `unknown field "${unknownKey}" (fields: ${FIELDS.join(', ')})`);
  for (const k of ['id', 'group', 'text', 'entity'] as const) {
    const s = o[k];
    if (typeof s !== 'string' || s.trim() === '')
      throw new OwnDataError(file, line, `"${k}" must be a non-empty string`);
    if (s !== s.trim()) throw new OwnDataError(file, line, `"${k}" has leading or trailing spaces`);
  }
  if (!isOneOf(OWN_LABELS, o.label))
    throw new OwnDataError(
      file,
      line,
      `"label" must be one of ${OWN_LABELS.join(', ')}, got ${JSON.stringify(o.label)}`,
    );
  if (!isOneOf(OWN_STYLES, o.style))
    throw new OwnDataError(
      file,
      line,
      `"style" must be one of ${OWN_STYLES.join(', ')}, got ${JSON.stringify(o.style)}`,
    );
  const s = { id: o.id, group: o.group, text: o.text, entity: o.entity, label: o.label, style: o.style } as OwnSentence;
  if (!s.text.includes(s.entity)) throw new OwnDataError(file, line, `entity "${s.entity}" is not written in the text`);
  return s;
}

/** Every sentiment-*.jsonl file in `dir`, checked line by line and across files (unique ids and texts, one group per company). */
export function readOwnSentences(dir: string = ownDataDir): OwnSentence[] {
  const files = readdirSync(dir)
    .filter((f) => FILE_RE.test(f))
    .sort();
  if (files.length === 0) throw new Error(`no sentiment-*.jsonl files under ${dir}`);
  const out: OwnSentence[] = [];
  const seenId = new Map<string, string>();
  const seenText = new Map<string, string>();
  const groupOf = new Map<string, { group: string; where: string }>();
  for (const f of files) {
    const lines = readFileSync(`${dir}/${f}`, 'utf8').split('\n');
    lines.forEach((raw, i) => {
      const line = i + 1;
      // Only the newline that ends the file may leave an empty line.
      if (raw.trim() === '') {
        if (i === lines.length - 1) return;
        throw new OwnDataError(f, line, 'empty line');
      }
      const s = parseOwnLine(raw, f, line);
      const where = `${f}:${line}`;
      const idAt = seenId.get(s.id);
      if (idAt !== undefined) throw new OwnDataError(f, line, `id "${s.id}" already used at ${idAt}`);
      seenId.set(s.id, where);
      // The same sentence twice could land on both sides of the split, or count twice.
      const key = s.text.toLowerCase().replace(/\s+/g, ' ');
      const textAt = seenText.get(key);
      if (textAt !== undefined) throw new OwnDataError(f, line, `same text as ${textAt}`);
      seenText.set(key, where);
      // A company seen in training would let a model that reads names score it by name in test.
      const first = groupOf.get(s.entity);
      if (first !== undefined && first.group !== s.group)
        throw new OwnDataError(
          f,
          line,
          `"${s.entity}" is in group "${s.group}" here but "${first.group}" at ${first.where}; every sentence about one company shares a group`,
        );
      if (first === undefined) groupOf.set(s.entity, { group: s.group, where });
      out.push(s);
    });
  }
  return out;
}

export function splitOwn(sentences: readonly OwnSentence[]): OwnSplits {
  const splits: OwnSplits = { train: [], test: [] };
  for (const s of sentences) splits[ownPart(s.group)].push(s);
  return splits;
}

export function loadOwnSplits(dir: string = ownDataDir): OwnSplits {
  return splitOwn(readOwnSentences(dir));
}
