import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  OWN_LABELS,
  OWN_STYLES,
  OwnDataError,
  loadOwnSplits,
  ownPart,
  readOwnSentences,
} from '../../scripts/lib/own-data.ts';

const line = (o: Record<string, unknown>): string =>
  JSON.stringify({
    id: 'x-1',
    group: 'x-1',
    text: 'Acme raised its dividend.',
    entity: 'Acme',
    label: 'positive',
    style: 'press-release',
    ...o,
  });

describe('the team’s own labelled sentences (labelled/own)', () => {
  const all = readOwnSentences();
  const { train, test } = loadOwnSplits();

  it('parse, with labels and styles from the closed sets and the entity written in the text', () => {
    expect(all.length).toBeGreaterThan(100);
    for (const s of all) {
      expect(OWN_LABELS).toContain(s.label);
      expect(OWN_STYLES).toContain(s.style);
      expect(s.text).toContain(s.entity);
    }
  });

  it('have unique ids', () => {
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
  });

  it('never put one company on both sides of the split, across files', () => {
    const testCompanies = new Set(test.map((s) => s.entity));
    expect(train.filter((s) => testCompanies.has(s.entity)).map((s) => s.entity)).toEqual([]);
  });

  it('keep every group on one side of the split, with about 30% of the groups in test', () => {
    const testGroups = new Set(test.map((s) => s.group));
    const trainGroups = new Set(train.map((s) => s.group));
    expect([...testGroups].filter((g) => trainGroups.has(g))).toEqual([]);
    expect(train.length + test.length).toBe(all.length);
    const share = testGroups.size / (testGroups.size + trainGroups.size);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
  });

  it('split the same way every time: by fnv1a32(group) % 10 < 3, not by file order', () => {
    // Pinned groups: if the hash or the rule changes, sentences move between train and test.
    expect(ownPart('sa-0001')).toBe('train');
    expect(ownPart('sa-0003')).toBe('test');
    expect(ownPart('sb-0001')).toBe('train');
    const reversed = [...all].reverse();
    expect(new Set(reversed.filter((s) => ownPart(s.group) === 'test').map((s) => s.id))).toEqual(
      new Set(test.map((s) => s.id)),
    );
  });

  it('cover every label and style in both splits', () => {
    for (const part of [train, test]) {
      for (const l of OWN_LABELS) expect(part.some((s) => s.label === l)).toBe(true);
    }
    for (const st of ['press-release', 'analyst-note'] as const) expect(all.some((s) => s.style === st)).toBe(true);
  });
});

describe('reading own sentence files: bad lines are errors that name the file and line', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const folder = (files: Record<string, string>): string => {
    dir = mkdtempSync(join(tmpdir(), 'own-data-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const errorOf = (d: string): string => {
    try {
      readOwnSentences(d);
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      return (e as Error).message;
    }
    throw new Error('expected an error');
  };

  it('reads every sentiment-*.jsonl and ignores other files', () => {
    const d = folder({
      'sentiment-a.jsonl': `${line({})}\n`,
      'sentiment-b.jsonl': `${line({ id: 'x-2', group: 'x-1', text: 'Acme cut its dividend.', label: 'negative' })}\n`,
      'notes.txt': 'not data',
    });
    expect(readOwnSentences(d).map((s) => [s.id, s.label])).toEqual([
      ['x-1', 'positive'],
      ['x-2', 'negative'],
    ]);
  });

  it.each([
    ['invalid JSON', '{"id": "x-1",', /sentiment-a\.jsonl:2: invalid JSON/],
    [
      'a label outside the set',
      line({ label: 'bullish' }),
      /sentiment-a\.jsonl:2: "label" must be one of negative, neutral, positive, got "bullish"/,
    ],
    ['a style outside the set', line({ style: 'tweet' }), /sentiment-a\.jsonl:2: "style" must be one of/],
    ['a missing field', line({ group: undefined }), /sentiment-a\.jsonl:2: "group" must be a non-empty string/],
    ['a misspelt field', line({ lable: 'positive' }), /sentiment-a\.jsonl:2: unknown field "lable"/],
    [
      'an entity not in the text',
      line({ entity: 'Acme Oyj' }),
      /sentiment-a\.jsonl:2: entity "Acme Oyj" is not written in the text/,
    ],
    ['an array', '[1, 2]', /sentiment-a\.jsonl:2: expected one JSON object/],
  ])('%s', (_name, bad, message) => {
    const first = line({ id: 'x-0', group: 'x-1', text: 'Acme opened a plant.' });
    expect(errorOf(folder({ 'sentiment-a.jsonl': `${first}\n${bad}\n` }))).toMatch(message);
  });

  it('an id used twice, across files, names both places', () => {
    const d = folder({
      'sentiment-a.jsonl': `${line({})}\n`,
      'sentiment-b.jsonl': `${line({ text: 'Acme won an order.' })}\n`,
    });
    expect(errorOf(d)).toBe('sentiment-b.jsonl:1: id "x-1" already used at sentiment-a.jsonl:1');
  });

  it('one company in two groups is refused, naming where its first group was set', () => {
    const d = folder({
      'sentiment-a.jsonl': `${line({})}\n`,
      'sentiment-b.jsonl': `${line({ id: 'y-1', group: 'y-1', text: 'Acme cut its dividend.', label: 'negative' })}\n`,
    });
    expect(errorOf(d)).toBe(
      'sentiment-b.jsonl:1: "Acme" is in group "y-1" here but "x-1" at sentiment-a.jsonl:1; every sentence about one company shares a group',
    );
  });

  it('the same text twice is refused, so it cannot sit on both sides of the split', () => {
    const d = folder({
      'sentiment-a.jsonl': `${line({})}\n${line({ id: 'x-2', group: 'x-1', text: 'Acme  raised its Dividend.' })}\n`,
    });
    expect(errorOf(d)).toBe('sentiment-a.jsonl:2: same text as sentiment-a.jsonl:1');
  });

  it('an empty line inside a file is refused; the final newline is fine', () => {
    expect(
      errorOf(
        folder({ 'sentiment-a.jsonl': `${line({})}\n\n${line({ id: 'x-2', group: 'x-1', text: 'Acme won.' })}\n` }),
      ),
    ).toBe('sentiment-a.jsonl:2: empty line');
  });

  it('a folder with no sentence files is an error, not an empty set', () => {
    expect(errorOf(folder({ 'readme.md': '' }))).toMatch(/no sentiment-\*\.jsonl files under/);
  });

  it('errors are OwnDataError with the file and line as fields', () => {
    try {
      readOwnSentences(folder({ 'sentiment-a.jsonl': `${line({ label: 'up' })}\n` }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OwnDataError);
      expect({ file: (e as OwnDataError).file, line: (e as OwnDataError).line }).toEqual({
        file: 'sentiment-a.jsonl',
        line: 1,
      });
    }
  });
});
