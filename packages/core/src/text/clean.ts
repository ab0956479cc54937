/**
 * Text hygiene for scraped article text. Works line by line: scraped text keeps one paragraph per
 * line, and almost all boilerplate (CSS, paywall prompts, widgets, credits) occupies whole lines.
 */

/** Why a line was removed; the framing analysis reads `credit` and `byline` lines for provenance. */
export type RemovedKind =
  | 'css'
  | 'paywall'
  | 'javascript'
  | 'comments'
  | 'caption'
  | 'url-trailer'
  | 'credit'
  | 'byline'
  | 'title'
  | 'chrome';

/** One removed line with its position in the raw input (after line-ending normalisation only). */
export type RemovedLine = {
  kind: RemovedKind;
  text: string;
  /** Character offsets into the raw string passed to `cleanTextDetailed`. */
  start: number;
  end: number;
  /** Index of the raw line, 0-based. */
  line: number;
};

export type CleanResult = {
  text: string;
  removed: RemovedLine[];
};

export type CleanOptions = {
  /** The article's title: repeated title lines at the top are dropped. */
  title?: string | null;
};

type RawLine = { text: string; start: number; end: number; index: number };

const PAYWALL: RegExp[] = [
  /thank you for your patience while we verify access/i,
  /we are having trouble retrieving the article content/i,
  /^already (a|an existing) (subscriber|member)\b/i,
  /\blog ?in(to)? (to )?your .{1,40} account\b/i,
  /^want all of .{1,40}\?\s*subscribe\.?$/i,
  /^(subscribe|sign up|register) (now|today|to continue|to read|for unlimited|for full access)\b/i,
  /^subscribe\.?$/i,
  /\b(this (article|story|content) is (only )?(available|reserved|exclusive) (to|for) (paying )?(subscribers|members))\b/i,
  /^(to )?continue reading,? (please )?(subscribe|sign in|log in)/i,
  /you have (reached|read) (your|the) (limit|maximum) of (free )?articles/i,
  /^(sign|log) in to (continue|read)/i,
  /^if you are in reader mode/i,
];

const JAVASCRIPT: RegExp[] = [
  /please (enable|turn on) javascript/i,
  /javascript (is )?(disabled|required)/i,
  /your browser (does not|doesn't) support/i,
];

const COMMENTS: RegExp[] = [
  /^(\d+\s+)?comments?$/i,
  /^no comments( yet)?\.?$/i,
  /comments powered by disqus/i,
  /^add (your|a) comment\b/i,
  /^join the conversation\b/i,
  /^to join the conversation\b/i,
  /\byou are commenting as\b/i,
  /^(show|view|load|read) (all |more )?comments\b/i,
  /^be the first to comment\b/i,
  /^(leave|post) a (comment|reply)\b/i,
  /^don'?t have an account\?\s*register\.?$/i,
];

const CHROME: RegExp[] = [
  /^published in [\w &,-]{2,40}$/i,
  /^(share|share this|share on|tweet|email|print)( article| story)?$/i,
  /^(advertisement|sponsored( content)?|skip to (main )?content|related( articles| stories)?|read more|more from .{1,30})$/i,
  /^(\[[^\]]*\]|\(\s*\))$/,
  /^source:\s.{3,200}$/i,
  /^[^.!?]{1,40}\s\|$/,
  /^image( source)?:?\s.{0,80}$/i,
];

/** Credit lines name another newsroom; kept in `removed` so provenance can read them. */
const CREDIT: RegExp[] = [
  /\bdistributed by\b/i,
  /^(©|\(c\)|copyright)\s*(\d{4})?/i,
  /^\(?(with )?(additional )?(assistance|reporting) (from|by)\b/i,
  /\bcontributed (reporting|to (this |the )?reports?)\b/i,
  /^visit [\w.-]+\.(com|org|net)\.?$/i,
];

/** A byline: "By First Last" or "First Last, Some News on" (the ArcaMax layout). */
const BYLINE: RegExp[] = [
  /^[Bb]y\s+[\p{Lu}][\p{L}.'-]+(\s+[\p{Lu}][\p{L}.'-]+){0,3}(\s*(,|and)\s*[\p{Lu}][\p{L}.'-]+(\s+[\p{Lu}][\p{L}.'-]+){0,3})*(,\s*[\p{L} .&-]{2,40})?$/u,
  /^[\p{Lu}][\p{L}.'-]+(\s+[\p{Lu}][\p{L}.'-]+){1,3},\s*[\p{Lu}][\p{L}.&' -]{2,40}\s+on$/u,
];

/** Captions carry a picture credit at the end: "... Picture: AFP", "(Photo: Reuters)". */
const CAPTION =
  /(\b(picture|photo|photograph|image|credit|illustration)\s*:\s*[^.]{1,60}\)?|\((photo|picture|image)[^)]{0,60}\))\s*$/i;

const SEPARATOR = /^[\s_\-=*~•·/|#]*$/;

/** Removes scraped boilerplate and normalises Unicode (NFKC); returns the clean text only. */
export function cleanText(raw: string, options: CleanOptions = {}): string {
  return cleanTextDetailed(raw, options).text;
}

/** Like `cleanText`, also listing every removed line with its kind and raw offsets. */
export function cleanTextDetailed(raw: string, options: CleanOptions = {}): CleanResult {
  const lines = splitRawLines(raw);
  const removed: RemovedLine[] = [];
  const kept: { text: string; line: RawLine }[] = [];
  const drop = (line: RawLine, kind: RemovedKind): void => {
    removed.push({ kind, text: line.text.trim(), start: line.start, end: line.end, line: line.index });
  };

  const cssLines = findCssLines(lines);
  const titleKey = options.title ? wordKey(options.title) : '';

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line) continue;
    const text = normaliseLine(line.text);
    if (text === '') continue;
    if (cssLines.has(i)) {
      drop(line, 'css');
      continue;
    }
    const kind = classifyLine(text);
    if (kind) {
      drop(line, kind);
      continue;
    }
    kept.push({ text, line });
  }

  // Captions: the same line twice in a row (a caption above and below a picture), or a picture credit.
  const afterCaptions: { text: string; line: RawLine }[] = [];
  for (let i = 0; i < kept.length; i += 1) {
    const cur = kept[i];
    if (!cur) continue;
    const prev = kept[i - 1];
    const next = kept[i + 1];
    const isRepeated = (prev && prev.text === cur.text) || (next && next.text === cur.text);
    if ((isRepeated && !endsLikeQuote(cur.text)) || CAPTION.test(cur.text)) {
      drop(cur.line, 'caption');
      continue;
    }
    afterCaptions.push(cur);
  }

  // Leading chrome: title repeats (also as a lower-case slug) and short site names before the first prose line.
  let firstProse = afterCaptions.findIndex((k) => isProse(k.text));
  if (firstProse < 0) firstProse = afterCaptions.length;
  const body: { text: string; line: RawLine }[] = [];
  afterCaptions.forEach((k, i) => {
    if (i < firstProse && titleKey !== '' && isTitleRepeat(wordKey(k.text), titleKey)) {
      drop(k.line, 'title');
      return;
    }
    if (i < firstProse && k.text.split(' ').length <= 4) {
      drop(k.line, 'chrome');
      return;
    }
    body.push(k);
  });

  // Trailing credit: a short newsroom name alone on the last line ("The Wall Street Journal").
  const last = body[body.length - 1];
  if (last && body.length > 1 && isTrailingNewsroom(last.text)) {
    body.pop();
    drop(last.line, 'credit');
  }

  removed.sort((a, b) => a.start - b.start);
  return { text: joinParagraphs(body.map((b) => b.text)), removed };
}

/** Whether a line reads as prose: it ends like a sentence (., !, ?, or a closing quote after one). */
export function isProse(line: string): boolean {
  return /[.!?…]["'”’)\]]*$/.test(line.trim()) || /[.!?,]["”’]\s*$/.test(line.trim());
}

function splitRawLines(raw: string): RawLine[] {
  const out: RawLine[] = [];
  const re = /[^\r\n]*(\r\n|\r|\n|$)/g;
  let index = 0;
  for (const m of raw.matchAll(re)) {
    const full = m[0];
    if (full === '' && (m.index ?? 0) >= raw.length) break;
    const eol = m[1] ?? '';
    const start = m.index ?? 0;
    out.push({
      text: full.slice(0, full.length - eol.length),
      start,
      end: start + full.length - eol.length,
      index,
    });
    index += 1;
  }
  return out;
}

/**
 * A sentence end glued to the next sentence ("leader.The two"). The punctuation comes first and the
 * context is checked by lookarounds, so each match attempt is anchored at one `.!?` and looks back
 * over a single word: linear time. (The older form `(\p{Ll}{3,}[.!?])(\p{Lu}\p{Ll}+)` rescanned a
 * long lower-case run from every start position, quadratic: 40 KB took seconds.) The word before
 * must start after a space or symbol, not after another `.!?`, so chains like "Sept.Sept.Sept."
 * or "U.S.Army" get no spaces: at most one space per real glue point, bounded growth.
 */
const GLUED_SENTENCE = /([.!?])(?<=(?:^|[^\p{L}\p{N}.!?])\p{L}*\p{Ll}{3}[.!?])(?=\p{Lu}\p{Ll})/gu;

function normaliseLine(line: string): string {
  return (
    line
      .normalize('NFKC')
      .replace(/[\u200B-\u200D\uFEFF\u00AD]/g, '')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
      .replace(/[\t\u00A0 ]+/g, ' ')
      // Paragraphs glued by extraction ("leader.The two"): restore the space so sentences split.
      .replace(GLUED_SENTENCE, '$1 ')
      .trim()
  );
}

function classifyLine(text: string): RemovedKind | null {
  if (SEPARATOR.test(text) || /^[\s|!()[\]]+$/.test(text)) return 'chrome';
  if (/^original url:/i.test(text)) return 'url-trailer';
  if (JAVASCRIPT.some((re) => re.test(text))) return 'javascript';
  if (PAYWALL.some((re) => re.test(text))) return 'paywall';
  if (COMMENTS.some((re) => re.test(text))) return 'comments';
  if (text.split(' ').length <= 16 && CREDIT.some((re) => re.test(text))) return 'credit';
  if (BYLINE.some((re) => re.test(text))) return 'byline';
  if (CHROME.some((re) => re.test(text))) return 'chrome';
  return null;
}

/**
 * CSS arrives as whole rule blocks (selectors, braces, `prop: value;` lines). A line belongs to CSS
 * when it sits inside braces, opens a rule, or is a selector line (ending with `,`) right before one.
 */
function findCssLines(lines: RawLine[]): Set<number> {
  const out = new Set<number>();
  let depth = 0;
  let inComment = false;
  for (let i = 0; i < lines.length; i += 1) {
    const t = (lines[i]?.text ?? '').trim();
    if (inComment) {
      out.add(i);
      if (t.includes('*/')) inComment = false;
      continue;
    }
    if (depth === 0 && t.startsWith('/*')) {
      out.add(i);
      if (!t.includes('*/')) inComment = true;
      continue;
    }
    const opens = (t.match(/\{/g) ?? []).length;
    const closes = (t.match(/\}/g) ?? []).length;
    if (depth > 0) {
      out.add(i);
      depth = Math.max(0, depth + opens - closes);
      continue;
    }
    if (opens > 0 && /^[#.@:*\[\w-][^{}]*\{/.test(t) && !/[.!?]["”]?\s*$/.test(t.split('{')[0] ?? '')) {
      out.add(i);
      depth = Math.max(0, opens - closes);
      // Selector lines listed before the brace ("#a ,\n#b .c {").
      for (let j = i - 1; j >= 0; j -= 1) {
        const prev = (lines[j]?.text ?? '').trim();
        if (/^[#.:\w[\]*>~+ -]+,$/.test(prev)) out.add(j);
        else break;
      }
      continue;
    }
    if (/^[a-z-]{2,40}\s*:\s*[^.!?]{1,80};$/i.test(t)) out.add(i);
  }
  return out;
}

function endsLikeQuote(text: string): boolean {
  return /["”’]$/.test(text) && text.length > 200;
}

function wordKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A title repeat: equal, a prefix of the title, or the title's words at the end ("Site slug of title"). */
function isTitleRepeat(lineKey: string, titleKey: string): boolean {
  if (lineKey === '') return false;
  if (lineKey === titleKey || titleKey.startsWith(lineKey) || lineKey.endsWith(titleKey)) return true;
  const titleWords = titleKey.split(' ');
  const lineWords = new Set(lineKey.split(' '));
  const shared = titleWords.filter((w) => lineWords.has(w)).length;
  return (
    titleWords.length >= 4 && shared / titleWords.length >= 0.8 && lineWords.size <= titleWords.length + 6
  );
}

const NEWSROOM_WORDS =
  /\b(times|journal|post|news|press|herald|tribune|telegraph|guardian|reuters|bloomberg|associated|afp|agence|gazette|chronicle|observer|independent|economist|daily|wire|service|agency|media|review|standard|ledger|courier|bulletin|globe|mail|express|mirror|examiner|inquirer|dispatch|record|register|star|sun|monitor|gazette|statesman|nation|tass|interfax|xinhua|ap)\b/i;

function isTrailingNewsroom(text: string): boolean {
  const words = text.split(' ');
  if (words.length > 6 || isProse(text)) return false;
  if (!words.every((w) => /^(\p{Lu}|&|of|the|and|de)/u.test(w))) return false;
  return NEWSROOM_WORDS.test(text);
}

/** One paragraph per kept line; a hard-wrapped line continuing in lower case is joined back. */
function joinParagraphs(lines: string[]): string {
  const paras: string[] = [];
  for (const line of lines) {
    const prev = paras[paras.length - 1];
    if (prev !== undefined && !/[.!?:;"”’)\]]$/.test(prev) && /^\p{Ll}/u.test(line)) {
      paras[paras.length - 1] = `${prev} ${line}`;
    } else {
      paras.push(line);
    }
  }
  return paras.join('\n\n');
}
