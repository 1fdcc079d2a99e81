// /summary <TICKER> [window]: a ticker's recent news in one report.
import type { Result } from '../types.ts';
import { ok } from '../types.ts';
import { fail, parseTickers, type CommandError, type TickerLookup } from './grammar.ts';
import { tickerText } from './options.ts';
import type { CommandFamily } from './spec.ts';

export const REPORT_WINDOWS = ['24h', '7d', '30d'] as const;
export type ReportWindow = (typeof REPORT_WINDOWS)[number];

export type SummaryCommand = { readonly kind: 'summary'; readonly symbol: string; readonly window: ReportWindow };

const USAGE = '/summary <TICKER> [24h|7d|30d]';

function parseSummary(args: readonly string[], lookup: TickerLookup): Result<SummaryCommand, CommandError> {
  if (args.length === 0) return fail('missing_argument', 'Which ticker? Like /summary BABA 7d.', USAGE);
  if (args.length > 2) return fail('unexpected_argument', '/summary takes one ticker and an optional window.', USAGE);
  const tickers = parseTickers([args[0] as string], lookup, USAGE);
  if (!tickers.ok) return tickers;
  if (tickers.value.length !== 1) return fail('unexpected_argument', '/summary takes one ticker at a time.', USAGE);
  const windowText = (args[1] ?? '24h').toLowerCase();
  const window = REPORT_WINDOWS.find((w) => w === windowText);
  if (window === undefined) {
    return fail('unexpected_argument', `"${windowText.slice(0, 20)}" is not a window; use 24h, 7d or 30d.`, USAGE);
  }
  return ok({ kind: 'summary', symbol: tickers.value[0] as string, window });
}

export const SUMMARY: CommandFamily<SummaryCommand> = {
  name: 'summary',
  parse: parseSummary,
  managerKinds: [],
  help: [
    {
      topic: 'summary',
      usage: USAGE,
      does: 'Stories about a ticker in a window (default 24h): count, average sentiment and its trend against the previous window, label mix, most positive and most negative headlines, top sources, and sentiment over time: a text sparkline everywhere, and on Slack and Discord a chart of sentiment with story volume (the console, which shows no pictures, prints the tickerbell chart command that draws it as a PNG).',
      example: '/summary BABA 7d',
    },
  ],
  slack: { description: "A ticker's recent news sentiment, trend and top stories", usageHint: 'BABA 7d' },
  slash: [
    {
      name: 'summary',
      description: 'News sentiment for a ticker over a window',
      managersOnly: false,
      options: [
        {
          type: 'string',
          name: 'ticker',
          description: 'One ticker, like BABA',
          required: true,
          autocomplete: true,
          maxLength: 20,
        },
        { type: 'string', name: 'window', description: 'How far back (default 24h)', choices: REPORT_WINDOWS },
      ],
      toText: (o) => ['/summary', tickerText(o['ticker']), ...(typeof o['window'] === 'string' ? [o['window']] : [])],
    },
  ],
};
