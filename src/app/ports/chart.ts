// The chart renderer the /summary handler calls; the real one lives in render/ (a native
// module and a font), tests may pass their own or none.
import type { MessageImage } from '../../core/messages.ts';
import type { SummarySeries } from '../../core/summary-series.ts';

/** Throws when the picture cannot be made; the summary then goes out without it. Times are drawn in the series' zone. */
export type SummaryChart = (series: SummarySeries) => MessageImage;
