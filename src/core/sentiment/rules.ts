// Finance phrase rules. Each fires a named feature whose weight the trained model learns,
// so "beat estimates" is one piece of evidence rather than "beat" (violence) plus noise.

export interface PhraseRule {
  readonly name: string;
  readonly pattern: RegExp;
}

const UP = String.raw`(?:up|rises?|rose|risen|rising|gains?|gained|gaining|jumps?|jumped|jumping|surges?|surged|surging|climbs?|climbed|climbing|soars?|soared|soaring|higher|adds?|added|rall(?:y|ies|ied|ying)|spurts?|spurted|zooms?|zoomed|advances?|advanced|increases?|increased|grows?|grew|growth)`;
const DOWN = String.raw`(?:down|falls?|fell|falling|drops?|dropped|dropping|slips?|slipped|slipping|slides?|slid|sliding|declines?|declined|declining|sheds?|shed|loses?|lost|losing|lower|tumbles?|tumbled|plunges?|plunged|plunging|sinks?|sank|sinking|dips?|dipped|slumps?|slumped|crash(?:es|ed)?|tanks?|tanked|decreases?|decreased|plummets?|plummeted|skids?|skidded)`;
const EXPECT = String.raw`(?:estimates?|expectations?|forecasts?|consensus|views?|street|projections?)`;
const GUIDE = String.raw`(?:guidance|outlook|forecasts?|targets?|dividends?|payouts?|views?|estimates?|projections?)`;
const NUM = String.raw`(?:_num_|\d[\d.,]*)\s?(?:%|percent|pc|per cent)`;
const GAP = String.raw`[^;:!?]{0,40}?`;

export const PHRASE_RULES: readonly PhraseRule[] = [
  { name: 'beat-estimates', pattern: new RegExp(String.raw`\b(?:beats?|beating|tops?|topped|exceeds?|exceeded|surpass(?:es|ed)?|above|ahead of)\b${GAP}\b${EXPECT}\b`) },
  { name: 'miss-estimates', pattern: new RegExp(String.raw`\b(?:miss(?:es|ed)?|short of|below|lags?|lagged|trails?|trailed|disappoints?)\b${GAP}\b${EXPECT}\b`) },
  { name: 'raise-guidance', pattern: new RegExp(String.raw`\b(?:raises?|raised|raising|lifts?|lifted|boosts?|boosted|hikes?|hiked|ups|upped|increases?|increased)\b${GAP}\b${GUIDE}\b`) },
  { name: 'cut-guidance', pattern: new RegExp(String.raw`\b(?:cuts?|cutting|lowers?|lowered|trims?|trimmed|slash(?:es|ed)?|reduces?|reduced|pulls?|pulled|withdraws?|withdrew|suspends?|suspended)\b${GAP}\b${GUIDE}\b`) },
  { name: 'upgrade', pattern: /\b(?:upgrades?|upgraded|raises? to (?:buy|outperform|overweight)|(?:initiates?|starts?) (?:at |with )?(?:buy|outperform|overweight))\b/ },
  { name: 'downgrade', pattern: /\b(?:downgrades?|downgraded|cuts? to (?:hold|neutral|sell|underweight|underperform|market perform|equal weight)|lowers? to (?:hold|neutral|sell|underweight))\b/ },
  { name: 'up-percent', pattern: new RegExp(String.raw`\b${UP}\b[^;:!?]{0,25}?${NUM}`) },
  { name: 'down-percent', pattern: new RegExp(String.raw`\b${DOWN}\b[^;:!?]{0,25}?${NUM}`) },
  { name: 'record-high', pattern: /\b(?:record|all[- ]time|52[- ]week|lifetime|fresh|new) highs?\b/ },
  { name: 'record-low', pattern: /\b(?:record|all[- ]time|52[- ]week|lifetime|fresh|new|multi[- ]year) lows?\b/ },
  { name: 'loss-widens', pattern: /\b(?:loss(?:es)?|deficit) (?:widens?|widened|swells?|deepens?)\b|\bwider (?:net )?loss\b/ },
  { name: 'loss-narrows', pattern: /\b(?:loss(?:es)?) (?:narrows?|narrowed|shrinks?)\b|\bnarrower (?:net )?loss\b/ },
  { name: 'hedge', pattern: /\b(?:may|might|could|likely|reportedly|expected to|plans? to|considers?|considering|mulls?|eyes|seeks?|aims? to|to consider)\b/ },
];

export interface RuleHit {
  readonly name: string;
  readonly index: number;
}

/** Rule names that fire in already-lowercased text, with where they matched. */
export function matchRules(lower: string): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of PHRASE_RULES) {
    const m = rule.pattern.exec(lower);
    if (m !== null) hits.push({ name: rule.name, index: m.index });
  }
  return hits;
}
