import { describe, expect, it } from 'vitest';
import { parseCommand, type Command } from '../../src/core/commands/parse.ts';
import type { CommandErrorCode } from '../../src/core/commands/grammar.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';

const universe = loadTickerUniverse();
const parse = (text: string) => parseCommand(text, universe);

describe('command grammar', () => {
  const good: Array<[string, Command]> = [
    ['/watch add BABA', { kind: 'watch-add', symbols: ['BABA'], above: null, below: null, minRelevance: null }],
    [
      'watch add baba below -0.3',
      { kind: 'watch-add', symbols: ['BABA'], above: null, below: -0.3, minRelevance: null },
    ],
    [
      '/watch add BABA,AAPL above 0.3 below -0.3 relevance 0.6',
      { kind: 'watch-add', symbols: ['BABA', 'AAPL'], above: 0.3, below: -0.3, minRelevance: 0.6 },
    ],
    [
      '/watch add BABA, AAPL, BABA',
      { kind: 'watch-add', symbols: ['BABA', 'AAPL'], above: null, below: null, minRelevance: null },
    ],
    [
      '/watch add $brk.b above .5',
      { kind: 'watch-add', symbols: ['BRK-B'], above: 0.5, below: null, minRelevance: null },
    ],
    ['/watch remove BABA', { kind: 'watch-remove', symbols: ['BABA'] }],
    ['/watch list', { kind: 'watch-list' }],
    ['/watch mute BABA 2h', { kind: 'watch-mute', symbols: ['BABA'], minutes: 120 }],
    ['/watch mute BABA', { kind: 'watch-mute', symbols: ['BABA'], minutes: 60 }],
    ['/watch unmute BABA', { kind: 'watch-unmute', symbols: ['BABA'] }],
    ['/summary BABA', { kind: 'summary', symbol: 'BABA', window: '24h' }],
    ['/summary baba 7d', { kind: 'summary', symbol: 'BABA', window: '7d' }],
    ['/help', { kind: 'help', topic: null }],
    ['/help watch', { kind: 'help', topic: 'watch' }],
  ];
  it.each(good)('parses %s', (text, expected) => {
    expect(parse(text)).toEqual({ ok: true, value: expected });
  });

  const bad: Array<[string, CommandErrorCode, RegExp]> = [
    ['', 'empty', /Type a command/],
    ['/wtach add BABA', 'unknown_command', /don't know the command/],
    ['/watch', 'missing_argument', /add, remove/],
    ['/watch add', 'missing_argument', /at least one symbol/],
    ['/watch add NOTATICKER', 'unknown_ticker', /not a ticker I know/],
    ['/watch add BABA above 7', 'out_of_range', /between -1 and 1/],
    ['/watch add BABA below -1.5', 'out_of_range', /between -1 and 1/],
    ['/watch add BABA relevance 2', 'out_of_range', /between 0 and 1/],
    ['/watch add BABA above high', 'bad_number', /not a number/],
    ['/watch add BABA above', 'missing_argument', /needs a number/],
    ['/watch add BABA above 0.1 above 0.2', 'duplicate_option', /twice/],
    ['/watch add BABA above -0.2 below 0.2', 'thresholds_overlap', /every story/],
    ['/watch add BABA sideways 0.2', 'unknown_ticker', /"sideways" is not a ticker/],
    ['/watch add BABA above 0.2 sideways', 'unexpected_argument', /understand "sideways"/],
    ['/summary', 'missing_argument', /Which ticker/],
    ['/summary BABA 1y', 'unexpected_argument', /24h, 7d or 30d/],
    ['/watch mute BABA 99x', 'bad_number', /not a duration/],
    ['/watch mute BABA 90d', 'out_of_range', /30 days/],
  ];
  it.each(bad)('rejects %j with %s and says what to type', (text, code, message) => {
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(message);
    expect(r.error.usage).toMatch(/^\//);
  });

  it('suggests real tickers for a near miss', () => {
    const r = parse('/watch add ALIBABA');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/BABA/);
  });

  it('refuses more than 20 tickers at once', () => {
    const many = universe
      .search('', 25)
      .map((t) => t.symbol)
      .join(',');
    const r = parse(`/watch add ${many}`);
    expect(r.ok ? null : r.error.code).toBe('too_many_tickers');
  });
});
