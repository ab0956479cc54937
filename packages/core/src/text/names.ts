/**
 * Person-name normalisation: "Mr. Putin", "President Vladimir V. Putin of Russia" and "Putin" are
 * one person; transliteration variants ("Zelensky"/"Zelenskyy", "Witkoff"/"Witkov",
 * "Dmitry"/"Dmitri") fold to the same key.
 */

/** Words that describe a role or an honorific, never part of the name itself (lower-case). */
const TITLE_WORDS = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'miss',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'rev',
  'reverend',
  'president',
  'vice',
  'prime',
  'minister',
  'secretary',
  'chancellor',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'general',
  'gen',
  'colonel',
  'col',
  'lt',
  'sgt',
  'captain',
  'capt',
  'admiral',
  'adm',
  'major',
  'senator',
  'sen',
  'representative',
  'rep',
  'del',
  'delegate',
  'governor',
  'gov',
  'mayor',
  'judge',
  'justice',
  'ambassador',
  'envoy',
  'special',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'press',
  'foreign',
  'defence',
  'defense',
  'state',
  'of',
  'the',
  'chief',
  'head',
  'leader',
  'deputy',
  'speaker',
  'commander',
  'director',
  'officer',
  'chairman',
  'chairwoman',
  'chair',
  'ceo',
  'founder',
  'executive',
  'attorney',
  'st',
  'saint',
]);

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'miss', 'dr']);
/** Title words that are common surnames too; never offices used in address ("Mr. President"). */
const SURNAME_TITLES = new Set(['king', 'major', 'judge', 'prince', 'pope', 'justice']);

/** A name mention split into its parts. */
export type ParsedName = {
  /** Name tokens without titles, e.g. ["Vladimir", "V.", "Putin"]. */
  tokens: string[];
  /** Folded first name, or null when only one token is left ("Putin", "Sir Keir" -> "keir"). */
  firstKey: string | null;
  /** Folded last name: the grouping key. */
  lastKey: string;
  /** Whether an honorific that goes with a first name preceded it ("Sir Keir"). */
  isFirstNameHonorific: boolean;
};

/** One person with every spelling seen. */
export type PersonName = {
  /** Stable key (folded surname, disambiguated by first name when needed). */
  key: string;
  /** Display form: the most common full name ("Vladimir Putin"). */
  canonical: string;
  /** Every mention string that resolved to this person. */
  variants: string[];
};

/** Folds a name token so transliteration variants compare equal ("Zelenskyy" -> "zelenski"). */
export function foldNameToken(token: string): string {
  let s = token
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  s = s.replace(/ph/g, 'f').replace(/kh/g, 'h').replace(/w/g, 'v').replace(/y/g, 'i').replace(/j/g, 'i');
  s = s.replace(/(.)\1+/g, '$1');
  // Russian -ов is written -ov, -off or -of ("Witkoff" in English, "Witkov" in a respelling).
  s = s.replace(/of$/, 'ov');
  return s;
}

/** Parses a mention into name tokens and keys; titles and "of Russia" suffixes are dropped. */
export function parsePersonName(mention: string): ParsedName | null {
  let cleaned = mention
    .normalize('NFKC')
    .replace(/[’']s$/u, '')
    .replace(/[,;:]+$/, '')
    .trim();
  // "Vladimir V. Putin of Russia" -> drop the place; "Secretary of State Marco Rubio" keeps its "of".
  const suffix = /^(.*\S)\s+of\s+[\p{Lu}][\p{L}]*(\s+[\p{Lu}][\p{L}]*)?$/u.exec(cleaned);
  const beforeOf = suffix?.[1]?.split(/\s+/).pop() ?? '';
  if (suffix?.[1] && /^\p{Lu}/u.test(beforeOf) && !TITLE_WORDS.has(beforeOf.replace(/\.$/, '').toLowerCase()))
    cleaned = suffix[1];
  const raw = cleaned.split(/\s+/).filter((t) => t !== '');
  // The name is the trailing run of capitalised tokens that are not role words.
  const tokens: string[] = [];
  let titleBefore = '';
  for (let i = raw.length - 1; i >= 0; i -= 1) {
    const tok = raw[i] ?? '';
    const bare = tok.replace(/\.$/, '').toLowerCase();
    if (SUFFIXES.has(bare) && tokens.length === 0) continue;
    // "Mr. King", "Ms. Major": after an honorific, a title word that is also a surname is the name.
    const isSurnameAfterHonorific =
      tokens.length === 0 &&
      SURNAME_TITLES.has(bare) &&
      HONORIFICS.has((raw[i - 1] ?? '').replace(/\.$/, '').toLowerCase());
    if (!isSurnameAfterHonorific && (!/^\p{Lu}/u.test(tok) || TITLE_WORDS.has(bare))) {
      titleBefore = bare;
      break;
    }
    tokens.unshift(tok);
  }
  const last = tokens[tokens.length - 1];
  if (!last) return null;
  const lastKey = foldNameToken(last);
  if (lastKey.length < 2) return null;
  const first = tokens.length > 1 ? tokens[0] : undefined;
  return {
    tokens,
    firstKey: first === undefined ? null : foldNameToken(first),
    lastKey,
    isFirstNameHonorific: tokens.length === 1 && (titleBefore === 'sir' || titleBefore === 'dame'),
  };
}

/** The grouping key of one mention on its own (folded surname); "" when it is not a name. */
export function personKey(mention: string): string {
  return parsePersonName(mention)?.lastKey ?? '';
}

/** Whether two mentions name the same person, judged on the two alone. */
export function isSamePerson(a: string, b: string): boolean {
  const pa = parsePersonName(a);
  const pb = parsePersonName(b);
  if (!pa || !pb) return false;
  if (!keysMatch(pa.lastKey, pb.lastKey)) return false;
  return pa.firstKey === null || pb.firstKey === null || keysMatch(pa.firstKey, pb.firstKey);
}

/**
 * Groups mentions into people. Same folded surname (or one edit apart for long surnames) and a
 * compatible first name make one person; a bare first name after "Sir"/"Dame" joins the only
 * full name with that first name. Order of the result follows first appearance.
 */
export function unifyPersonNames(mentions: string[]): PersonName[] {
  type Group = { key: string; firstKeys: Set<string>; counts: Map<string, number>; order: number };
  const groups: Group[] = [];
  const parsed = mentions.map((m) => ({ mention: m, p: parsePersonName(m) }));
  const findGroup = (p: ParsedName): Group | undefined => {
    const candidates = groups.filter((g) => keysMatch(g.key, p.lastKey));
    if (p.firstKey === null) return candidates[0];
    return (
      candidates.find((g) => g.firstKeys.has(p.firstKey ?? '')) ??
      candidates.find(
        (g) => g.firstKeys.size === 0 || [...g.firstKeys].some((f) => keysMatch(f, p.firstKey ?? '')),
      )
    );
  };
  // Full names first so that bare surnames join the right person.
  const ordered = parsed
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => (b.p?.tokens.length ?? 0) - (a.p?.tokens.length ?? 0) || a.i - b.i);
  const deferred: { mention: string; p: ParsedName; i: number }[] = [];
  for (const { mention, p, i } of ordered) {
    if (!p) continue;
    if (p.isFirstNameHonorific) {
      deferred.push({ mention, p, i });
      continue;
    }
    let g = findGroup(p);
    if (!g) {
      g = { key: p.lastKey, firstKeys: new Set(), counts: new Map(), order: i };
      groups.push(g);
    }
    if (p.firstKey !== null) g.firstKeys.add(p.firstKey);
    g.counts.set(mention, (g.counts.get(mention) ?? 0) + 1);
    g.order = Math.min(g.order, i);
  }
  for (const { mention, p, i } of deferred) {
    const byFirst = groups.filter((g) => [...g.firstKeys].some((f) => keysMatch(f, p.lastKey)));
    let g = byFirst.length === 1 ? byFirst[0] : findGroup(p);
    if (!g) {
      g = { key: p.lastKey, firstKeys: new Set(), counts: new Map(), order: i };
      groups.push(g);
    }
    g.counts.set(mention, (g.counts.get(mention) ?? 0) + 1);
    g.order = Math.min(g.order, i);
  }
  const usedKeys = new Map<string, number>();
  return groups
    .sort((a, b) => a.order - b.order)
    .map((g) => {
      const n = usedKeys.get(g.key) ?? 0;
      usedKeys.set(g.key, n + 1);
      return {
        key: n === 0 ? g.key : `${g.key}-${n + 1}`,
        canonical: pickCanonical(g.counts),
        variants: [...g.counts.keys()],
      };
    });
}

/** Finds the person a mention refers to among already unified people. */
export function resolvePersonName(mention: string, people: PersonName[]): PersonName | null {
  return (
    people.find((p) => p.variants.includes(mention)) ??
    people.find((p) => isSamePerson(p.canonical, mention)) ??
    null
  );
}

/** Clean display name of a mention: titles stripped, tokens kept ("Mr. Putin" -> "Putin"). */
export function displayName(mention: string): string {
  return parsePersonName(mention)?.tokens.join(' ') ?? mention.trim();
}

function pickCanonical(counts: Map<string, number>): string {
  const forms = new Map<string, number>();
  for (const [mention, n] of counts) {
    const name = displayName(mention);
    forms.set(name, (forms.get(name) ?? 0) + n);
  }
  const score = (name: string): number => {
    const toks = name.split(' ');
    const initials = toks.filter((t) => /^\p{Lu}\.$/u.test(t)).length;
    const full = toks.length >= 2 ? 100 : 0;
    return full + (forms.get(name) ?? 0) * 3 - initials * 2;
  };
  return (
    [...forms.keys()].sort((a, b) => score(b) - score(a) || b.length - a.length || a.localeCompare(b))[0] ??
    ''
  );
}

function keysMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 6 || b.length < 6) return false;
  return editDistanceAtMostOne(a, b);
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length > b.length) i += 1;
    else if (b.length > a.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
