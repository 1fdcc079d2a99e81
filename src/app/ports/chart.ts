// The chart renderer the /summary handler calls; the real one lives in chart/ (a native
// module and a font), tests may pass their own or none.
import type { MessageImage } from '../../core/messages.ts';
import type { ReportSeries } from '../../core/ticker-report-series.ts';

/** Throws when the picture cannot be made; the report then goes out without it. Times are drawn in the series' zone. */
export type ReportChart = (series: ReportSeries) => MessageImage;
