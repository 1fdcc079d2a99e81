// Server-side chart for /summary: ECharts renders SVG without a browser, resvg turns it into a
// PNG with the bundled DejaVu font (a font-less render would have no text). Nothing is fetched.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import type { ReportChart } from '../app/ports/chart.ts';
import type { MessageImage } from '../core/messages.ts';
import { localParts } from '../core/calendar/zoned-time.ts';
import { bucketLabel, type ReportSeries } from '../core/ticker-report-series.ts';

const require = createRequire(import.meta.url);

/** The part of ECharts' API used here. Its bundled .d.ts files do not resolve under NodeNext, so it is loaded through require and typed by hand. */
interface ServerSideEcharts {
  init(
    dom: null,
    theme: null,
    opts: { renderer: 'svg'; ssr: true; width: number; height: number },
  ): { setOption(option: object): void; renderToSVGString(): string; dispose(): void };
}

// Loaded on the first chart, not at start: CLI runs that draw nothing stay fast.
let libs: { echarts: ServerSideEcharts; Resvg: typeof ResvgClass } | null = null;
function load(): { echarts: ServerSideEcharts; Resvg: typeof ResvgClass } {
  libs ??= {
    echarts: require('echarts') as ServerSideEcharts,
    Resvg: (require('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg,
  };
  return libs;
}

/** The TTF the chart text is drawn with; it ships in node_modules, never downloaded. */
export function bundledFontFile(): string {
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
}

export interface ChartRendererOptions {
  readonly width?: number;
  readonly height?: number;
  readonly fontFile?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Minutes the zone's wall clock is ahead of UTC at an instant. */
function offsetMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Math.round(
    (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000,
  );
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const m = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The zone as the chart names it: "America/New_York, UTC−05:00", or both offsets when a DST change falls inside the window. */
export function zoneCaption(series: ReportSeries): string {
  const first = series.buckets[0]?.at;
  const last = series.buckets.at(-1)?.at;
  if (first === undefined || last === undefined) return series.timeZone;
  const [a, b] = [offsetMinutes(first, series.timeZone), offsetMinutes(last, series.timeZone)];
  return `${series.timeZone}, ${a === b ? formatOffset(b) : `${formatOffset(a)} then ${formatOffset(b)}`}`;
}

/** A bucket's start in the zone: the hour for 24h (with the date at midnight and at the first bucket), date and hour for 7d, the date for 30d. */
function axisLabel(at: Date, index: number, series: ReportSeries): string {
  const p = localParts(at, series.timeZone);
  const day = `${MONTHS[p.month - 1] ?? p.month} ${p.day}`;
  const clock = `${pad(p.hour)}:${pad(p.minute)}`;
  if (series.window === '30d') return day;
  if (series.window === '7d') return `${day}\n${clock}`;
  return index === 0 || p.hour === 0 ? `${clock}\n${day}` : clock;
}

// Two panels on one time axis: sentiment (-1..1) above, story counts below, so a bar can never be
// read against the sentiment scale. Empty buckets break the line: a gap is a gap, not a trend.
function chartSvg(series: ReportSeries, width: number, height: number): string {
  const chart = load().echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const labels = series.buckets.map((b, i) => axisLabel(b.at, i, series));
  const per = bucketLabel(series);
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: 'DejaVu Sans' },
      title: {
        text: `${series.symbol}, last ${series.window}`,
        subtext: `Times in ${zoneCaption(series)}`,
        left: 'center',
        itemGap: 4,
        textStyle: { fontSize: 15 },
        subtextStyle: { fontSize: 11, color: '#555555' },
      },
      legend: { bottom: 4, itemGap: 36, data: ['Average sentiment', `Stories per ${per}`] },
      grid: [
        { left: 64, right: 32, top: 44, height: '47%' },
        { left: 64, right: 32, bottom: 64, height: '17%' },
      ],
      xAxis: [
        { type: 'category', gridIndex: 0, data: labels, axisLabel: { show: false }, axisTick: { show: false } },
        { type: 'category', gridIndex: 1, data: labels, axisLabel: { fontSize: 10 } },
      ],
      yAxis: [
        {
          type: 'value',
          gridIndex: 0,
          min: -1,
          max: 1,
          interval: 0.5,
          name: 'sentiment',
          nameTextStyle: { align: 'right' },
          splitLine: { lineStyle: { color: '#eeeeee' } },
        },
        {
          type: 'value',
          gridIndex: 1,
          min: 0,
          minInterval: 1,
          name: 'stories',
          nameTextStyle: { align: 'right' },
          splitNumber: 2,
          splitLine: { lineStyle: { color: '#f3f3f3' } },
        },
      ],
      series: [
        {
          name: 'Average sentiment',
          type: 'line',
          xAxisIndex: 0,
          yAxisIndex: 0,
          connectNulls: false,
          showSymbol: true,
          symbolSize: 5,
          data: series.buckets.map((b) => (b.average === null ? null : Math.round(b.average * 1000) / 1000)),
          itemStyle: { color: '#1f6fb2' },
          lineStyle: { width: 2 },
          markLine: {
            silent: true,
            symbol: 'none',
            data: [{ yAxis: 0 }],
            lineStyle: { color: '#9aa0a6', type: 'dashed' },
            label: { show: false },
          },
        },
        {
          name: `Stories per ${per}`,
          type: 'bar',
          xAxisIndex: 1,
          yAxisIndex: 1,
          data: series.buckets.map((b) => b.count),
          itemStyle: { color: '#8fa9c8' },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function createReportChartRenderer(options: ChartRendererOptions = {}): ReportChart {
  const width = options.width ?? 900;
  const height = options.height ?? 420;
  const fontFile = options.fontFile ?? bundledFontFile();
  return (series): MessageImage => {
    const svg = chartSvg(series, width, height);
    const png = new (load().Resvg)(svg, {
      background: '#ffffff',
      font: {
        fontFiles: [fontFile],
        loadSystemFonts: false,
        defaultFontFamily: 'DejaVu Sans',
        sansSerifFamily: 'DejaVu Sans',
      },
    })
      .render()
      .asPng();
    const stories = series.buckets.reduce((n, b) => n + b.count, 0);
    return {
      pngBase64: Buffer.from(png).toString('base64'),
      filename: `${series.symbol.toLowerCase()}-${series.window}.png`,
      alt: `${series.symbol} average sentiment (line, -1 to 1, broken where there were no stories) above stories per ${bucketLabel(series)} (bars) over the last ${series.window}, times in ${zoneCaption(series)}: ${stories} stories.`,
      width,
      height,
    };
  };
}
