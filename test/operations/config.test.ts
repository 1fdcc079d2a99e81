// TICKERBELL_TIMEZONE: unset, the default zone without asking Intl; set, read in its canonical
// spelling, and a name that is no zone refused by name.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('TICKERBELL_TIMEZONE', () => {
  it('defaults to New York, and reads a zone in any case in its canonical spelling', () => {
    const unset = loadConfig({});
    expect(unset.ok && unset.config.timezone).toBe('America/New_York');
    const lower = loadConfig({ TICKERBELL_TIMEZONE: ' europe/london ' });
    expect(lower.ok && lower.config.timezone).toBe('Europe/London');
  });

  it('refuses a name that is no IANA zone, naming the variable', () => {
    const r = loadConfig({ TICKERBELL_TIMEZONE: 'Mars/Olympus_Mons' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(/^TICKERBELL_TIMEZONE: is not an IANA time zone/m);
  });
});
