// Where articles come from: files and directories, read whole on each cycle (feeds: feeds.ts).
import type { RawArticle } from '../../core/types.ts';

export interface SourceFailure {
  readonly origin: string;
  readonly message: string;
}

export interface SourceBatch {
  readonly articles: readonly RawArticle[];
  readonly failures: readonly SourceFailure[];
}

export interface ArticleSource {
  readonly name: string;
  read(): Promise<SourceBatch>;
}
