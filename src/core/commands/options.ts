// Typed options shared by several families, and option values -> words of the shared grammar.
// Each *Text function keeps a free-text field from carrying words the parser would read as something else.
import type { OptionShape, OptionValues } from './spec.ts';

type Value = OptionValues[string];

const CLOCK_RE = /^\d{1,2}:\d{2}$/;

/**
 * Whitespace in a ticker field becomes a comma, so the field can only ever hold tickers: typing
 * "BABA above 0.9" there cannot smuggle an option past the typed, range-checked number options.
 */
export function tickerText(value: Value): string {
  return String(value ?? '')
    .trim()
    .replace(/[\s,]+/g, ',');
}

/** Platforms send JSON numbers; the grammar wants plain decimals (never 1e-7). */
export function numberText(value: number): string {
  return String(Number(value.toFixed(6)));
}

/** Only a clock time gets through, so a free-text field cannot add words the parser would read. */
export function clockText(value: Value): string {
  const text = String(value ?? '').trim();
  return CLOCK_RE.test(text) ? text : text.replace(/\s+/g, '');
}

export function zoneText(value: Value): string {
  return String(value ?? '')
    .trim()
    .replace(/\s+/g, '_');
}

export function plainText(value: Value): string {
  return String(value ?? '').trim();
}

export const clockOption = (name: string, description: string): OptionShape => ({
  type: 'string',
  name,
  description,
  required: true,
  minLength: 4,
  maxLength: 5,
});
export const ZONE_OPTION: OptionShape = {
  type: 'string',
  name: 'timezone',
  description: 'Like America/New_York or Europe/London (default UTC)',
  maxLength: 64,
};
