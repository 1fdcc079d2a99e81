// `tickerbell chart <TICKER> [24h|7d|30d] --out FILE.png`: the /summary chart for console and CLI users.
import { writeFileSync } from 'node:fs';
import { reportSeries } from '../core/ticker-report-series.ts';
import { windowMs } from '../core/ticker-report.ts';
import type { ReportWindow } from '../core/commands/summary.ts';
import { CONSOLE_SCOPE } from '../chat/console/console-platform.ts';
import { createReportChartRenderer, zoneCaption } from '../chart/report-chart.ts';
import { createLogger } from '../log.ts';
import { configOrExit, UsageError } from './common.ts';

const WINDOWS: readonly ReportWindow[] = ['24h', '7d', '30d'];

export async function chartCommand(args: readonly string[]): Promise<number> {
  let out: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--out') {
      out = args[i + 1];
      i += 1;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  if (out === undefined || out.startsWith('--')) throw new UsageError('chart needs --out FILE.png');
  const [ticker, windowArg = '24h', ...extra] = rest;
  if (ticker === undefined) throw new UsageError('chart needs a ticker, like: tickerbell chart BABA 7d --out baba.png');
  if (extra.length > 0) throw new UsageError(`chart: unexpected "${extra[0]}"`);
  const window = WINDOWS.find((w) => w === windowArg.toLowerCase());
  if (window === undefined) throw new UsageError(`chart: "${windowArg}" is not a window; use 24h, 7d or 30d`);
  const config = await configOrExit(process.env);
  const symbol = ticker.toUpperCase().replace(/^\$/, '');
  const { composeApp } = await import('../compose.ts');
  const app = await composeApp(config, {
    log: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
    platforms: new Map(),
  });
  try {
    if (app.universe.get(symbol) === undefined) {
      process.stderr.write(`tickerbell: "${ticker}" is not a ticker I know\n`);
      return 1;
    }
    const now = new Date();
    const { articles, digests, quietHours } = app.stores;
    // The console channel's zone, as its /summary and /digest use, else the deployment's.
    const timeZone =
      (await digests.get(CONSOLE_SCOPE))?.timezone ??
      (await quietHours.get(CONSOLE_SCOPE))?.timezone ??
      config.timezone;
    const stories = await articles.storiesForTicker(
      symbol,
      new Date(now.getTime() - windowMs(window)),
      config.defaultMinRelevance,
    );
    const series = reportSeries(symbol, window, stories, now, timeZone);
    const image = createReportChartRenderer()(series);
    writeFileSync(out, Buffer.from(image.pngBase64, 'base64'));
    process.stdout.write(
      `${out}: ${symbol} over the last ${window}, ${stories.length} stor${stories.length === 1 ? 'y' : 'ies'}, times in ${zoneCaption(series)} (${image.width}x${image.height} PNG)\n`,
    );
  } finally {
    await app.close();
  }
  return 0;
}
