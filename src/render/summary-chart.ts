// Server-side chart for /summary: ECharts renders SVG without a browser, resvg turns it into a
// PNG with the bundled DejaVu font (a font-less render would have no text). Nothing is fetched.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import type { SummaryChart } from '../app/ports/chart.ts';
import type { MessageImage } from '../core/messages.ts';
import { localParts } from '../core/schedule/zoned-time.ts';
import { bucketLabel, type SummarySeries } from '../core/summary-series.ts';

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

function axisLabel(at: Date, series: SummarySeries, timeZone: string): string {
  const p = localParts(at, timeZone);
  const day = `${pad(p.month)}-${pad(p.day)}`;
  return series.window === '30d' ? day : `${day} ${pad(p.hour)}:${pad(p.minute)}`;
}

// Two panels on one time axis: sentiment (-1..1) above, story counts below, so a bar can never be
// read against the sentiment scale. Empty buckets break the line: a gap is a gap, not a trend.
function chartSvg(series: SummarySeries, width: number, height: number, timeZone: string): string {
  const chart = load().echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const labels = series.buckets.map((b) => axisLabel(b.at, series, timeZone));
  const per = bucketLabel(series);
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: 'DejaVu Sans' },
      title: { text: `${series.symbol}, last ${series.window} (times ${timeZone})`, left: 'center', textStyle: { fontSize: 15 } },
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
        { type: 'value', gridIndex: 0, min: -1, max: 1, interval: 0.5, name: 'sentiment', nameTextStyle: { align: 'right' }, splitLine: { lineStyle: { color: '#eeeeee' } } },
        { type: 'value', gridIndex: 1, min: 0, minInterval: 1, name: 'stories', nameTextStyle: { align: 'right' }, splitNumber: 2, splitLine: { lineStyle: { color: '#f3f3f3' } } },
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
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#9aa0a6', type: 'dashed' }, label: { show: false } },
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

export function createSummaryChartRenderer(options: ChartRendererOptions = {}): SummaryChart {
  const width = options.width ?? 900;
  const height = options.height ?? 420;
  const fontFile = options.fontFile ?? bundledFontFile();
  return (series, timeZone = 'UTC'): MessageImage => {
    const svg = chartSvg(series, width, height, timeZone);
    const png = new (load().Resvg)(svg, {
      background: '#ffffff',
      font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng();
    const stories = series.buckets.reduce((n, b) => n + b.count, 0);
    return {
      pngBase64: Buffer.from(png).toString('base64'),
      filename: `${series.symbol.toLowerCase()}-${series.window}.png`,
      alt: `${series.symbol} average sentiment (line, -1 to 1, broken where there were no stories) above stories per ${bucketLabel(series)} (bars) over the last ${series.window}, times in ${timeZone}: ${stories} stories.`,
      width,
      height,
    };
  };
}
