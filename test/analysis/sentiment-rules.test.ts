import Sentiment from 'sentiment';
import { describe, expect, it } from 'vitest';
import { labelFor } from '../../src/core/sentiment/label.ts';
import { matchRules } from '../../src/core/sentiment/rules.ts';
import { shippedScorer } from './helpers.ts';

const scorer = shippedScorer();
const direction = (text: string): 'up' | 'down' | 'flat' => {
  const label = labelFor(scorer(text).score);
  return label === 'neutral' ? 'flat' : label.endsWith('bullish') ? 'up' : 'down';
};

describe('finance sentiment', () => {
  it.each([
    ['Tesla misses estimates; shares plunge', 'down'],
    ['Nvidia beats estimates and raises guidance', 'up'],
    ['Intel cuts full-year guidance as PC demand weakens', 'down'],
    ['Walmart raises outlook after strong holiday sales', 'up'],
    ['Shares of Ford down 7% after recall', 'down'],
    ['Alibaba shares up 5% on cloud growth', 'up'],
    ['Goldman Sachs downgrades Apple to sell', 'down'],
    ['Morgan Stanley upgrades Nike to overweight', 'up'],
    ['Company reports quarterly loss wider than expected', 'down'],
    ['Board to meet on Friday to consider dividend', 'flat'],
    ['Infosys to announce Q3 results on January 12', 'flat'],
  ] as const)('%s -> %s', (text, expected) => {
    expect(direction(text)).toBe(expected);
  });

  it('does not read "shares" as generosity, as bare AFINN does', () => {
    expect(new Sentiment().analyze('Tesla misses estimates; shares plunge').score).toBeGreaterThan(0);
    expect(scorer('Tesla misses estimates; shares plunge').score).toBeLessThan(-0.35);
  });

  it('lets the clause after "but" decide', () => {
    expect(direction('Revenue fell short of forecasts but profit beat estimates and guidance was raised')).toBe('up');
    // Beat-then-cut is read as at best neutral, and below the same facts in the other order.
    const cutLast = 'Profit beat estimates but the company cut its full-year guidance';
    expect(direction(cutLast)).not.toBe('up');
    expect(scorer(cutLast).score).toBeLessThan(
      scorer('The company cut its full-year guidance but profit beat estimates').score,
    );
  });

  it('reads "less than expected" below "better than expected"', () => {
    expect(scorer('Alibaba revenue grows less than expected').score).toBeLessThan(
      scorer('Alibaba revenue grows better than expected').score,
    );
  });

  it('flips negated words', () => {
    expect(scorer('Profit did not grow this quarter').score).toBeLessThan(scorer('Profit grew this quarter').score);
  });

  it.each([
    ['beats analyst estimates', 'beat-estimates'],
    ['missed consensus forecasts', 'miss-estimates'],
    ['raises full-year guidance', 'raise-guidance'],
    ['cuts its dividend', 'cut-guidance'],
    ['stock up 4.5% in early trade', 'up-percent'],
    ['shares fell 12 percent', 'down-percent'],
    ['the deal could be delayed', 'hedge'],
    ['posted a better-than-expected quarter', 'better-than-expected'],
    ['revenue grew less than expected', 'worse-than-expected'],
  ])('rule fires: %s -> %s', (text, rule) => {
    expect(matchRules(text).map((h) => h.name)).toContain(rule);
  });

  it('explains a score with the rules and words that moved it', () => {
    const evidence = scorer.explain('Nvidia beats estimates; shares jump 8%');
    const rules = evidence.map((e) => e.rule);
    expect(rules).toContain('beat-estimates');
    expect(evidence.every((e) => Number.isFinite(e.weight))).toBe(true);
    expect(evidence.filter((e) => e.weight > 0).length).toBeGreaterThan(0);
  });
});
