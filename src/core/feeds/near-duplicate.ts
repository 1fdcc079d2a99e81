// "Same story, different feed": the same headline and nearly the same text. Syndicated copies
// differ in a byline, a trailing "Read more" or a tracking line, so the text is compared as sets
// of word pairs rather than character for character.

/** Headline identity: case, punctuation and spacing do not count. */
export function titleKey(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function wordPairs(text: string): Set<string> {
  const words = titleKey(text)
    .split(' ')
    .filter((w) => w.length > 0);
  const pairs = new Set<string>();
  if (words.length === 1) pairs.add(words[0] as string);
  for (let i = 0; i + 1 < words.length; i += 1) pairs.add(`${words[i] as string} ${words[i + 1] as string}`);
  return pairs;
}

/** Jaccard similarity of the word-pair sets, in [0, 1]; two empty texts are identical. */
export function textSimilarity(a: string, b: string): number {
  const pa = wordPairs(a);
  const pb = wordPairs(b);
  if (pa.size === 0 && pb.size === 0) return 1;
  let shared = 0;
  for (const p of pa) if (pb.has(p)) shared += 1;
  return shared / (pa.size + pb.size - shared);
}

/** How alike two bodies must be (with equal headlines) to count as one story. */
export const NEAR_DUPLICATE_SIMILARITY = 0.8;

export function isNearDuplicate(
  a: { readonly title: string; readonly body: string },
  b: { readonly title: string; readonly body: string },
): boolean {
  const ka = titleKey(a.title);
  return ka.length > 0 && ka === titleKey(b.title) && textSimilarity(a.body, b.body) >= NEAR_DUPLICATE_SIMILARITY;
}
