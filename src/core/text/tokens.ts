// Tokens for sentiment features: lowercase words, numbers folded to one token, tickers and
// links folded away, and punctuation kept only where it ends a negation scope or a clause.

/** Punctuation tokens that end a negation scope and stop bigrams. */
export const BREAK_TOKENS: ReadonlySet<string> = new Set([',', ';', ':', '!', '?', '.', '-']);

export const NUMBER_TOKEN = '_num_';
export const TICKER_TOKEN = '_tkr_';
export const ENTITY_TOKEN = '_ent_';

const TOKEN_RE = /_[a-z]+_|[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[%;:!?,.]| - /g;

export function featureTokens(text: string): string[] {
  const lower = text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/\$[a-z][a-z.]{0,6}\b/g, ` ${TICKER_TOKEN} `);
  const out: string[] = [];
  for (const m of lower.matchAll(TOKEN_RE)) {
    const t = m[0];
    const c = t.charCodeAt(0);
    if (c >= 48 && c <= 57) out.push(NUMBER_TOKEN);
    else if (t === ' - ') out.push('-');
    else if (t.endsWith("n't")) {
      // "doesn't", "won't", "can't": the negation is what carries meaning.
      out.push('not');
    } else if (t.endsWith("'s")) out.push(t.slice(0, -2));
    else out.push(t);
  }
  return out;
}
