// Bytes to text for a feed. The charset comes from, in order: a byte-order mark, the HTTP
// Content-Type, the XML declaration; UTF-8 otherwise. A charset nobody can decode is an error
// for that feed, not a page of mojibake.
import iconv from 'iconv-lite';

export class FeedDecodeError extends Error {
  override readonly name = 'FeedDecodeError';
  readonly code = 'bad_charset';
}

function fromBom(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return null;
}

function fromContentType(contentType: string | null): string | null {
  const m = contentType === null ? null : /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m ? (m[1] as string).toLowerCase() : null;
}

function fromXmlDeclaration(body: Buffer): string | null {
  // The declaration is ASCII in every ASCII-compatible charset; 200 bytes is more than it needs.
  const head = body.subarray(0, 200).toString('latin1');
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return m ? (m[1] as string).toLowerCase() : null;
}

export function decodeFeedBody(body: Buffer, contentType: string | null): string {
  const charset = fromBom(body) ?? fromContentType(contentType) ?? fromXmlDeclaration(body) ?? 'utf-8';
  if (!iconv.encodingExists(charset)) {
    throw new FeedDecodeError(`the feed is in an unknown character encoding "${charset.slice(0, 40)}"`);
  }
  // iconv-lite strips a BOM by default.
  return iconv.decode(body, charset);
}
