// IPv6 forms that carry an IPv4 address the guard would refuse on its own: IPv4-compatible
// (::/96), 6to4 (2002::/16) and Teredo (2001::/32). Each is refused as an address, and as a feed URL.
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/app/ports/feeds.ts';
import { createFeedFetcher } from '../../src/sources/feed/fetch-feed.ts';
import { createHttpClient } from '../../src/sources/http/http-client.ts';
import { isBlockedAddress } from '../../src/sources/http/ssrf-guard.ts';

const forms = [
  '::127.0.0.1',
  '[::127.0.0.1]',
  '::7f00:1',
  '::a9fe:a9fe', // ::169.254.169.254
  '::10.0.0.1',
  '2002:7f00:1::', // 6to4 of 127.0.0.1
  '2002:a9fe:a9fe::1', // 6to4 of 169.254.169.254
  '2002:0808:0808::1', // 6to4 of a public address: the whole range is a tunnel, refused too
  '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
  '2001::1',
];

describe('SSRF guard: IPv4 inside IPv6', () => {
  it.each(forms)('refuses %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it('still lets ordinary public IPv6 addresses through', () => {
    for (const ok of ['2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '2001:4860:4860::8888'])
      expect(isBlockedAddress(ok)).toBe(false);
  });

  it('refuses feed URLs written with these forms before connecting', async () => {
    const open = createFeedFetcher(createHttpClient({ timeoutMs: 1_000 }));
    for (const url of [
      'http://[::127.0.0.1]/feed',
      'http://[::ffff:7f00:1]/feed',
      'http://[2002:7f00:1::]/feed',
      'http://[2001::7f00:1]/feed',
    ]) {
      const error = await open(url, { etag: null, lastModified: null }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FeedError);
      expect((error as FeedError).code).toBe('blocked_address');
    }
  });
});
