// Input generators for the fuzz suite. Three families: random data (any code unit, any byte),
// structure-aware mutations of the invented fixtures (the inputs a real parser meets: truncated,
// spliced, re-encoded, with stray markup), and dictionary-driven repetitions of syntax that parsers
// and regular expressions treat specially (the usual shape of a backtracking blow-up).
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import type { FuzzArticle } from './stages.ts';

const fixturesDir = new URL('../fixtures/', import.meta.url);

/** Every fixture file of one kind (`feeds` or `pages`) as bytes, sorted by name. */
export function readFixtures(kind: 'feeds' | 'pages' | 'opml'): { name: string; bytes: Uint8Array }[] {
  const dir = new URL(`${kind}/`, fixturesDir);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) }));
}

/** Any UTF-16 code unit, lone surrogates included: what a bad decoder can hand downstream. */
const codeUnitString = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength });

/** Text pieces that text hygiene, sentence splitting and name handling treat specially. */
const TEXT_TOKENS = [
  ' ', '  ', '\n', '\n\n', '\r\n', '\r', '\t', '\u00a0', '\u200b', '\u200d', '\u2028', '\u2029', '\ufeff',
  '\u202e', '\u0301', '\u0000', '.', '. ', '!', '?', '...', '…', ',', ';', ':', '"', '“', '”', '‘', '’', "'",
  '«', '»', '(', ')', '[', ']', '{', '}', '-', '—', '–', '/', '\\', '*', '#', '@', '&', '%', '$', '€',
  'Mr.', 'Dr.', 'U.S.', 'e.g.', 'i.e.', 'Inc.', 'St.', 'No.', 'a.m.', 'p.m.', 'Jan.', 'Sept.', '3.14', '1,000',
  'The', 'the', 'said', 'says', 'told', 'according to', 'quoted', 'Ada Quill', 'Ben Oduya', 'Vladimir',
  "O'Neill", 'van der Berg', 'José Ñúñez', 'Владимир', '李明', 'محمد', '😀', '👍🏽', '🇺🇦',
  'Subscribe now', 'Please enable JavaScript', 'Advertisement', 'Read more', 'Comments', 'Share',
  'Already a subscriber?', 'Original URL:', 'Photo: Reuters', '(AP)', 'By Ada Quill', 'Distributed by',
  '.x{color:red}', '@media screen{', 'https://example.test/a?b=c', 'www.example.test', '<p>', '</p>', '&amp;',
];

/** Random prose-like text made of tokens above, random words and random code units. */
export const noisyText = (maxPieces: number): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...TEXT_TOKENS) },
        { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z]{1,12}$/) },
        { weight: 1, arbitrary: codeUnitString(8) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => pieces.join(''));

/** One token repeated many times, optionally between a prefix and a suffix. */
const repeatedToken = (tokens: readonly string[], maxRepeat: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(...tokens),
      fc.integer({ min: 1, max: maxRepeat }),
      fc.constantFrom('', ...tokens),
      fc.constantFrom('', ...tokens),
    )
    .map(([token, n, prefix, suffix]) => prefix + token.repeat(n) + suffix);

/** Texts for the text stages: random units, noisy prose, and long repetitions. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: codeUnitString(2000) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }) },
  { weight: 5, arbitrary: noisyText(400) },
  { weight: 2, arbitrary: repeatedToken(TEXT_TOKENS, 20_000) },
);

const encoder = new TextEncoder();

/** Markup pieces a feed or page parser treats specially. */
const MARKUP_TOKENS = [
  '<', '>', '/>', '</', '&', '&amp;', '&lt;', '&#0;', '&#x110000;', '&#65;', '&nbsp;', '&eacute;', '&bogus;',
  '<![CDATA[', ']]>', '<!--', '-->', '<?xml version="1.0"?>', '<?xml version="1.0" encoding="windows-1252"?>',
  '<!DOCTYPE rss>', '<!DOCTYPE x [', '<!ENTITY a "aaaa">', '&a;', ']>', '<item>', '</item>', '<entry>', '</entry>',
  '<channel>', '</channel>', '<title>', '</title>', '<link>', '</link>', '<guid>', '</guid>', '<pubDate>',
  '</pubDate>', '<description>', '</description>', '<content:encoded>', '<div>', '</div>', '<p>', '</p>',
  '<script>', '</script>', '<style>', '</style>', '<article>', '</article>', '<br>', '<img src=x onerror=1>',
  '<a href="javascript:alert(1)">', '"', "'", '=', ' ', '\n', '\u0000', '\ufeff', '\ud800', 'é', '李',
  'Mon, 99 Foo 2026 25:61:61 +9999', '2026-13-45T99:99:99Z', 'xmlns:x="urn:x"', '<x:y>',
];

type Mutation =
  | { op: 'flip'; at: number; value: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; token: string }
  | { op: 'duplicate'; at: number; length: number; times: number }
  | { op: 'truncate'; at: number }
  | { op: 'splice'; at: number; from: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...MARKUP_TOKENS) }),
  fc.record({
    op: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 200 }),
    times: fc.integer({ min: 1, max: 2000 }),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('splice' as const), at: fc.nat(), from: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
);

/** Apply byte-level mutations; positions wrap around the current length so every one applies. */
function applyMutations(input: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = input;
  for (const m of mutations) {
    const size = bytes.length;
    const at = size === 0 ? 0 : m.at % (size + 1);
    switch (m.op) {
      case 'flip': {
        if (size === 0) break;
        const copy = bytes.slice();
        copy[at % size] = m.value;
        bytes = copy;
        break;
      }
      case 'delete':
        bytes = concat(bytes.subarray(0, at), bytes.subarray(at + m.length));
        break;
      case 'insert':
        bytes = concat(bytes.subarray(0, at), encoder.encode(m.token), bytes.subarray(at));
        break;
      case 'duplicate': {
        const chunk = bytes.subarray(at, at + m.length);
        const repeated = new Uint8Array(chunk.length * m.times);
        for (let i = 0; i < m.times; i++) repeated.set(chunk, i * chunk.length);
        bytes = concat(bytes.subarray(0, at), repeated, bytes.subarray(at));
        break;
      }
      case 'truncate':
        bytes = bytes.subarray(0, at);
        break;
      case 'splice': {
        const from = size === 0 ? 0 : m.from % size;
        bytes = concat(bytes.subarray(0, at), bytes.slice(from, from + m.length), bytes.subarray(at));
        break;
      }
    }
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A fixture with 1-8 mutations applied. */
export const mutatedFixture = (fixtures: { bytes: Uint8Array }[]): fc.Arbitrary<Uint8Array> =>
  fc
    .tuple(fc.constantFrom(...fixtures), fc.array(mutation, { minLength: 1, maxLength: 8 }))
    .map(([fixture, mutations]) => applyMutations(fixture.bytes, mutations));

/** Random bytes, sometimes behind a plausible XML or HTML prologue so parsers get past sniffing. */
export const randomDocumentBytes: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.constantFrom('', '<?xml version="1.0"?>', '<rss version="2.0"><channel>', '<feed xmlns="http://www.w3.org/2005/Atom">', '<html><body>', '\ufeff'),
    fc.uint8Array({ maxLength: 4096 }),
  )
  .map(([prefix, body]) => concat(encoder.encode(prefix), body));

/** Random sequences of markup tokens: structure without sense, and deep or long repetitions. */
export const markupSoup: fc.Arbitrary<Uint8Array> = fc
  .oneof(
    fc.array(fc.oneof(fc.constantFrom(...MARKUP_TOKENS), fc.stringMatching(/^[a-z ]{0,10}$/)), { maxLength: 300 }).map((p) => p.join('')),
    repeatedToken(MARKUP_TOKENS, 20_000),
  )
  .map((s) => encoder.encode(s));

/** Content types a server may send with a feed, including wrong and hostile ones. */
export const feedContentType: fc.Arbitrary<string | null> = fc.constantFrom(
  null,
  'application/rss+xml',
  'application/atom+xml; charset=utf-8',
  'text/xml; charset=iso-8859-1',
  'text/html',
  'application/json',
  'text/xml; charset=x-unknown-charset',
  'text/xml; charset=utf-16',
  'application/octet-stream',
);

/** Pages: mutated fixtures, token soup inside a page shell, deep nesting, random bytes. */
export const hostileHtml: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: mutatedFixture(readFixtures('pages')).map((b) => Buffer.from(b).toString('utf8')) },
  { weight: 2, arbitrary: markupSoup.map((b) => `<html><body><article>${Buffer.from(b).toString('utf8')}</article></body></html>`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('div', 'p', 'span', 'table', 'ul', 'b', 'blockquote'), fc.integer({ min: 1, max: 5000 }), noisyText(20))
      .map(([tag, depth, text]) => `<html><body>${`<${tag}>`.repeat(depth)}${text}${`</${tag}>`.repeat(depth)}</body></html>`),
  },
  // Repeated units that nest without counting as plain opening tags (htmlparser2 ignores `/>` in
  // HTML, a <p> opens inside the <li> before it, an unquoted value takes the slash), or never end.
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('<div/>', '<li><p>', '<td><p>', '<p><span>', '<option><p>', '<dd><p>', '<svg><g a=b/>', '<g a=b/>', '<a ', '<script>', '<!--', '<div>word '),
        fc.integer({ min: 1, max: 50_000 }),
        noisyText(20),
      )
      .map(([unit, count, text]) => `<html><body>${unit.repeat(count)}${text}</body></html>`),
  },
  { weight: 1, arbitrary: randomDocumentBytes.map((b) => Buffer.from(b).toString('latin1')) },
  { weight: 1, arbitrary: hostileText },
);

const sentence: fc.Arbitrary<string> = fc.oneof(
  noisyText(30),
  fc
    .tuple(fc.constantFrom('Ada Quill', 'Mr. Oduya', 'the minister', 'Ben Oduya', 'Владимир Путин', ''), fc.constantFrom('said', 'told reporters', 'says'), noisyText(15))
    .map(([who, verb, what]) => `"${what}," ${who} ${verb}.`),
  fc.stringMatching(/^[A-Z][a-z]{2,9}( [a-z]{2,9}){3,15}\.$/),
);

const articleText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(sentence, { maxLength: 25 }).map((s) => s.join(' ')) },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constant('') },
);

/** Stories of 1-8 random articles; some are copies or light rewrites of another one. */
export const randomStory: fc.Arbitrary<FuzzArticle[]> = fc
  .array(
    fc.record({
      title: fc.oneof(noisyText(12), fc.constant('')),
      text: articleText,
      outlet: fc.option(fc.constantFrom('ledger.example.test', 'courrier.example.test', 'Valley Gazette', ''), { nil: null }),
      url: fc.option(fc.constantFrom('https://a.example.test/1', 'not a url', 'https://b.example.test/x?y=1#z'), { nil: null }),
      publishedAt: fc.option(
        fc.oneof(
          fc.date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom('yesterday', '2026-02-30T00:00:00Z', ''),
        ),
        { nil: null },
      ),
      copyOf: fc.option(fc.nat(), { nil: null }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((rows) =>
    rows.map((row, i): FuzzArticle => {
      const source = row.copyOf === null || i === 0 ? null : rows[row.copyOf % i];
      // A copy keeps the source's text with a small edit, as syndicated or rewritten pieces do.
      const text = source === undefined || source === null ? row.text : `${source.text} ${row.text.slice(0, 40)}`;
      return { id: `a${i}`, title: row.title, text, outlet: row.outlet, url: row.url, publishedAt: row.publishedAt };
    }),
  );
