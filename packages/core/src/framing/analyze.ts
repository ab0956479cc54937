import type { ArticleInput } from '../article.ts';
import { cleanTextDetailed, isProse } from '../text/clean.ts';
import type { RemovedLine } from '../text/clean.ts';
import { displayName, isSamePerson, parsePersonName, unifyPersonNames } from '../text/names.ts';
import type { PersonName } from '../text/names.ts';
import { splitSentences } from '../text/sentences.ts';
import type { Sentence } from '../text/sentences.ts';
import { countWords, tokenize, STOPWORDS } from '../text/tokens.ts';
import { alignArticles, DEFAULT_DERIVATION_OPTIONS, round } from './align.ts';
import type { AlignDoc, Alignment, DerivationOptions, Unit } from './align.ts';
import { HEADLINE_VERBS, lexiconCategory } from './lexicon.ts';
import { detectOriginalPublisher, isSameOrganisation } from './provenance.ts';
import { extractQuotes, findQuoteSpans } from './quotes.ts';
import type { QuoteSpan, RawQuote, SpeakerMention } from './quotes.ts';
import { STORY_ANALYSIS_VERSION } from './schema.ts';
import type {
  ArticleAnalysis,
  Claim,
  DerivedFrom,
  DistinctiveTerm,
  Evidence,
  HeadlineCheck,
  LexiconHit,
  OriginalPublisher,
  Quote,
  StoryAnalysis,
  Voice,
} from './schema.ts';
import { buildSimilarityTable, computeIdf, contentKeys, shingles, termKey } from './similarity.ts';
import type { SimilarityTable } from './similarity.ts';

export type AnalyzeOptions = {
  derivation?: Partial<DerivationOptions>;
  /** Minimum similarity for two sentences of different outlets to be one claim. */
  claimThreshold?: number;
  /** Distinctive terms kept per article. */
  maxDistinctiveTerms?: number;
  /** Total pseudo-count of the informative Dirichlet prior (Monroe et al. 2008); capped at a quarter of the story's words. */
  priorStrength?: number;
};

type Doc = {
  index: number;
  input: ArticleInput;
  id: string;
  outlet: string | null;
  headline: string | null;
  text: string;
  removed: RemovedLine[];
  isTruncated: boolean;
  sentences: Sentence[];
  units: Unit[];
  quoteSpans: QuoteSpan[];
  time: number | null;
  publisher: OriginalPublisher | null;
};

/** Analyses how each article frames one story; see the README for every field and algorithm. */
export function analyzeStory(articles: ArticleInput[], options: AnalyzeOptions = {}): StoryAnalysis {
  const derivationOptions = { ...DEFAULT_DERIVATION_OPTIONS, ...options.derivation };
  const claimThreshold = options.claimThreshold ?? 0.3;
  // Sentence comparison is quadratic in the story's sentences: a per-article cap, shrinking as the
  // story grows, keeps a 40-article story of long texts to seconds (leads carry the shared facts).
  const unitCap = Math.max(
    MIN_UNITS_PER_ARTICLE,
    Math.min(MAX_UNITS_PER_ARTICLE, Math.floor(MAX_STORY_UNITS / Math.max(1, articles.length))),
  );
  const docs = articles.map((a, index) => prepareDoc(a, index, unitCap));
  // Publication order; undated articles after dated ones, input order breaks ties.
  const ordered = [...docs].sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || a.index - b.index);
  const allUnits = docs.flatMap((d) => d.units);
  allUnits.forEach((u, gid) => {
    u.gid = gid;
  });
  const idf = computeIdf(allUnits.map((u) => u.keys));
  const sim = buildSimilarityTable(
    allUnits.map((u) => u.keys),
    idf,
  );

  const derived = detectDerivations(ordered, sim, derivationOptions);
  const groups = buildSourceGroups(ordered, derived);
  const groupOf = new Map<string, number>();
  groups.forEach((g, gi) => g.forEach((id) => groupOf.set(id, gi)));

  const { voicesByDoc, people, speakerSpans } = buildVoices(ordered, groupOf);
  const speakerCache = new Map<number, Set<string>>();
  const speakersOf = (u: Unit): Set<string> => {
    let set = speakerCache.get(u.gid);
    if (!set) {
      set = new Set(
        (speakerSpans.get(u.articleId) ?? [])
          .filter((x) => x.start < u.end && u.start < x.end)
          .map((x) => x.key),
      );
      speakerCache.set(u.gid, set);
    }
    return set;
  };
  const claims = buildClaims(ordered, sim, claimThreshold, groupOf, groups.length, speakersOf);
  const terms = distinctiveTerms(
    ordered,
    groupOf,
    options.priorStrength ?? 100,
    options.maxDistinctiveTerms ?? 8,
  );
  const ranks = publicationRanks(ordered);

  const analyses: ArticleAnalysis[] = ordered.map((d) => {
    const lede = findLede(d);
    return {
      id: d.id,
      outlet: d.outlet,
      url: d.input.url ?? null,
      headline: d.headline,
      lede: lede?.text ?? null,
      ledeEvidence: lede,
      publishedAt: d.input.published_at ?? null,
      publicationRank: ranks.get(d.id) ?? null,
      wordCount: countWords(d.text),
      isTruncated: d.isTruncated,
      cleanText: d.text,
      originalPublisher: d.publisher,
      derivedFrom: derived.get(d.id) ?? null,
      sourceGroup: groups[groupOf.get(d.id) ?? -1] ?? [d.id],
      voices: voicesByDoc.get(d.id) ?? [],
      distinctiveTerms: terms.get(d.id) ?? [],
      lexicon: lexiconHits(d),
      headlineCheck: checkHeadline(d),
      claimIds: claims.filter((c) => c.articleIds.includes(d.id)).map((c) => c.id),
    };
  });
  return {
    version: STORY_ANALYSIS_VERSION,
    articles: analyses,
    claims,
    people: people.map((p) => ({ key: p.key, name: p.canonical, variants: p.variants })),
    sourceCount: groups.length,
  };
}

/** Compared sentences per article at most, and for the whole story (split over its articles). */
const MAX_UNITS_PER_ARTICLE = 150;
const MIN_UNITS_PER_ARTICLE = 20;
const MAX_STORY_UNITS = 1200;
/** Characters of each text compared as word 5-grams for copy detection. */
const MAX_SHINGLE_CHARS = 100_000;

function prepareDoc(input: ArticleInput, index: number, unitCap: number): Doc {
  const raw = input.text ?? input.summary ?? '';
  const headline = input.title.trim() === '' ? null : input.title.trim();
  const cleaned = cleanTextDetailed(raw, { title: headline });
  const text = cleaned.text;
  const sentences = splitSentences(text);
  const units: Unit[] = [];
  for (const s of sentences) {
    if (units.length >= unitCap) break;
    if (!isProse(s.text) || countWords(s.text) < 5) continue;
    units.push({
      articleId: input.id,
      index: units.length,
      gid: -1,
      text: s.text,
      start: s.start,
      end: s.end,
      keys: new Set(contentKeys(s.text)),
    });
  }
  const parsed = input.published_at ? Date.parse(input.published_at) : Number.NaN;
  return {
    index,
    input,
    id: input.id,
    outlet: input.outlet ?? null,
    headline,
    text,
    removed: cleaned.removed,
    isTruncated: cleaned.removed.some((r) => r.kind === 'paywall' || r.kind === 'javascript'),
    sentences,
    units,
    quoteSpans: findQuoteSpans(text),
    time: Number.isNaN(parsed) ? null : parsed,
    publisher: detectOriginalPublisher(input.id, input.outlet ?? null, cleaned.removed, text),
  };
}

function evidence(d: Doc, start: number, end: number): Evidence {
  return { articleId: d.id, start, end, text: d.text.slice(start, end) };
}

function publicationRanks(ordered: Doc[]): Map<string, number> {
  const ranks = new Map<string, number>();
  let rank = 0;
  let lastTime: number | null = null;
  ordered.forEach((d, i) => {
    if (d.time === null) return;
    if (d.time !== lastTime) rank = i + 1;
    lastTime = d.time;
    ranks.set(d.id, rank);
  });
  return ranks;
}

/** The first real sentences: prose of at least six words, up to two sentences or ~35 words. */
function findLede(d: Doc): Evidence | null {
  const first = d.sentences.findIndex((s) => isProse(s.text) && countWords(s.text) >= 6);
  const s0 = d.sentences[first];
  if (!s0) return null;
  let end = s0.end;
  const s1 = d.sentences[first + 1];
  if (s1 && countWords(s0.text) < 35 && isProse(s1.text) && !d.text.slice(s0.end, s1.start).includes('\n'))
    end = s1.end;
  return evidence(d, s0.start, end);
}

// ---------------------------------------------------------------------------------------------
// Copies and rewrites

function detectDerivations(
  ordered: Doc[],
  sim: SimilarityTable,
  options: DerivationOptions,
): Map<string, DerivedFrom> {
  const alignDocs: AlignDoc[] = ordered.map((d) => ({
    id: d.id,
    units: d.units,
    // Copies show in the first pages; comparing the whole of very long texts pair by pair does not pay.
    shingles5: shingles(d.text.slice(0, MAX_SHINGLE_CHARS), 5),
  }));
  const best = new Map<string, DerivedFrom>();
  for (let i = 0; i < ordered.length; i += 1) {
    for (let j = i + 1; j < ordered.length; j += 1) {
      const a = ordered[i];
      const b = ordered[j];
      const da = alignDocs[i];
      const db = alignDocs[j];
      if (!a || !b || !da || !db) continue;
      const al = alignArticles(da, db, sim, options);
      if (!al) continue;
      const { source, target, basis } = direction(a, b);
      const found = toDerivedFrom(source, target, al, source === a, basis);
      const current = best.get(target.id);
      if (!current || rankDerivation(found) > rankDerivation(current)) best.set(target.id, found);
    }
  }
  // A source that is itself derived keeps its own link; drop cycles (a <- b and b <- a).
  for (const [target, link] of best) {
    if (best.get(link.id)?.id === target) best.delete(target);
  }
  return best;
}

function rankDerivation(d: DerivedFrom): number {
  return (d.kind === 'copy' ? 10 : 0) + d.score;
}

/** The earlier article is the source; same time: a credited original beats an uncredited text; else input order. */
function direction(a: Doc, b: Doc): { source: Doc; target: Doc; basis: DerivedFrom['directionBasis'] } {
  if (a.time !== null && b.time !== null && a.time !== b.time) {
    return a.time < b.time
      ? { source: a, target: b, basis: 'published-earlier' }
      : { source: b, target: a, basis: 'published-earlier' };
  }
  if ((a.publisher === null) !== (b.publisher === null)) {
    return a.publisher
      ? { source: a, target: b, basis: 'credited-source' }
      : { source: b, target: a, basis: 'credited-source' };
  }
  return a.index < b.index
    ? { source: a, target: b, basis: 'input-order' }
    : { source: b, target: a, basis: 'input-order' };
}

function toDerivedFrom(
  source: Doc,
  target: Doc,
  al: Alignment,
  sourceIsA: boolean,
  basis: DerivedFrom['directionBasis'],
): DerivedFrom {
  const pairs = al.pairs.map(([ia, ib, similarity, exactOverlap]) => {
    const us = source.units[sourceIsA ? ia : ib];
    const ut = target.units[sourceIsA ? ib : ia];
    return us && ut
      ? {
          source: evidence(source, us.start, us.end),
          target: evidence(target, ut.start, ut.end),
          similarity: round(similarity),
          exactOverlap: round(exactOverlap),
        }
      : null;
  });
  return {
    id: source.id,
    kind: al.kind,
    score: al.score,
    shingleContainment: al.shingleContainment,
    directionBasis: basis,
    evidence: pairs.filter((p) => p !== null).sort((x, y) => x.source.start - y.source.start),
  };
}

/** Source groups: union of copy/rewrite links and of articles credited to the same original newsroom. */
function buildSourceGroups(ordered: Doc[], derived: Map<string, DerivedFrom>): string[][] {
  const parent = new Map<string, string>(ordered.map((d) => [d.id, d.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const [target, link] of derived) union(link.id, target);
  for (let i = 0; i < ordered.length; i += 1) {
    for (let j = i + 1; j < ordered.length; j += 1) {
      const a = ordered[i]?.publisher;
      const b = ordered[j]?.publisher;
      if (
        a &&
        b &&
        a.confidence === 'strong' &&
        b.confidence === 'strong' &&
        isSameOrganisation(a.name, b.name)
      ) {
        union(ordered[i]?.id ?? '', ordered[j]?.id ?? '');
      }
    }
  }
  const byRoot = new Map<string, string[]>();
  for (const d of ordered) {
    const r = find(d.id);
    byRoot.set(r, [...(byRoot.get(r) ?? []), d.id]);
  }
  return [...byRoot.values()];
}

// ---------------------------------------------------------------------------------------------
// Claims

function buildClaims(
  ordered: Doc[],
  sim: SimilarityTable,
  threshold: number,
  groupOf: Map<string, number>,
  groupCount: number,
  speakersOf: (u: Unit) => Set<string>,
): Claim[] {
  // Two sentences that quote or attribute to different speakers state different things, however
  // alike their words ("cautiously optimistic" said by the Kremlin and by Rubio).
  const isSpeakerClash = (a: Unit, b: Unit): boolean => {
    const sa = speakersOf(a);
    if (sa.size === 0) return false;
    const sb = speakersOf(b);
    if (sb.size === 0) return false;
    for (const k of sa) if (sb.has(k)) return false;
    return true;
  };
  type Draft = { members: { doc: Doc; unit: Unit; similarity: number }[] };
  const drafts: Draft[] = [];
  for (const d of ordered) {
    const taken = new Set<Draft>();
    // Best matches first so a sentence does not take a claim another of its sentences fits better.
    const candidates: { unit: Unit; draft: Draft; sim: number }[] = [];
    for (const unit of d.units) {
      for (const draft of drafts) {
        let best = 0;
        for (const m of draft.members) best = Math.max(best, sim(unit.gid, m.unit.gid));
        if (best >= threshold && !draft.members.some((m) => isSpeakerClash(unit, m.unit)))
          candidates.push({ unit, draft, sim: best });
      }
    }
    candidates.sort((a, b) => b.sim - a.sim || a.unit.index - b.unit.index);
    const placed = new Set<Unit>();
    for (const c of candidates) {
      if (placed.has(c.unit) || taken.has(c.draft)) continue;
      c.draft.members.push({ doc: d, unit: c.unit, similarity: c.sim });
      placed.add(c.unit);
      taken.add(c.draft);
    }
    for (const unit of d.units)
      if (!placed.has(unit)) drafts.push({ members: [{ doc: d, unit, similarity: 1 }] });
  }
  // Stable ids: claims numbered in the order of their first sentence in publication order.
  return drafts.map((draft, i) => {
    const rep = draft.members[0];
    const groupsCarrying = new Set(draft.members.map((m) => groupOf.get(m.doc.id) ?? -1));
    const sourceCount = groupsCarrying.size;
    const status: Claim['status'] =
      sourceCount >= 2 && sourceCount > groupCount / 2 ? 'consensus' : sourceCount >= 2 ? 'shared' : 'unique';
    // An article "omits" a claim only if none of its sentences comes even close (3/4 of the
    // threshold): the same fact is often split over two sentences or folded into another claim.
    const isNear = (d: Doc): boolean =>
      d.units.some((u) => draft.members.some((m) => sim(u.gid, m.unit.gid) >= threshold * 0.75));
    const omittedBy =
      status === 'consensus'
        ? ordered
            .filter((d) => !groupsCarrying.has(groupOf.get(d.id) ?? -1) && !d.isTruncated)
            .filter((d) => !ordered.some((o) => groupOf.get(o.id) === groupOf.get(d.id) && isNear(o)))
            .map((d) => d.id)
        : [];
    return {
      id: `c${i + 1}`,
      text: rep?.unit.text ?? '',
      textArticleId: rep?.doc.id ?? '',
      articleIds: draft.members.map((m) => m.doc.id),
      sourceCount,
      status,
      omittedBy,
      evidence: draft.members.map((m) => ({
        ...evidence(m.doc, m.unit.start, m.unit.end),
        similarity: round(m.similarity),
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Voices

const ORG_LAST = new Set([
  'kremlin',
  'house',
  'staff',
  'ministry',
  'office',
  'department',
  'agency',
  'police',
  'army',
  'government',
  'council',
  'media',
  'interfax',
  'tass',
  'reuters',
  'pentagon',
  'nato',
  'commission',
  'parliament',
  'senate',
  'congress',
  'union',
  'military',
  'forces',
  'command',
  'court',
  'administration',
  'officials',
  'bank',
  'committee',
  'party',
]);
const PLACES = new Set([
  'russia',
  'ukraine',
  'moscow',
  'kyiv',
  'kiev',
  'washington',
  'china',
  'beijing',
  'israel',
  'us',
  'u.s.',
  'uk',
  'britain',
  'france',
  'germany',
  'iran',
  'eu',
  'europe',
  'america',
  'united states',
  'london',
  'paris',
  'berlin',
]);

type Resolved = { type: Voice['speakerType']; key: string; name: string };

function isGroupName(text: string): boolean {
  const words = text
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/\s+/);
  const last = words[words.length - 1] ?? '';
  return ORG_LAST.has(last) || PLACES.has(words.join(' ')) || /^the\s/i.test(text);
}

function nominalKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/^(the|a|an)\s+/, '')
    .replace(/’/g, "'");
}

type SpeakerSpan = { start: number; end: number; key: string };

function buildVoices(
  ordered: Doc[],
  groupOf: Map<string, number>,
): { voicesByDoc: Map<string, Voice[]>; people: PersonName[]; speakerSpans: Map<string, SpeakerSpan[]> } {
  const raw = new Map<string, RawQuote[]>(ordered.map((d) => [d.id, extractQuotes(d.text, d.sentences)]));
  const personMentions: string[] = [];
  for (const qs of raw.values()) {
    for (const q of qs)
      if (q.speaker.type === 'name' && !isGroupName(q.speaker.text) && parsePersonName(q.speaker.text))
        personMentions.push(q.speaker.text);
  }
  const people = unifyPersonNames(personMentions);
  const personByMention = (mention: string): PersonName | null =>
    people.find((p) => p.variants.includes(mention)) ??
    people.find((p) => isSamePerson(p.canonical, mention)) ??
    null;

  // Title context of each person ("Ukrainian President …") lets "Ukraine's leader" resolve.
  const contexts = new Map<string, Set<string>>();
  for (const p of people) {
    const words = new Set<string>();
    for (const v of p.variants) {
      const name = displayName(v);
      const titles = v
        .replace(name, ' ')
        .toLowerCase()
        .split(/[^\p{L}]+/u);
      for (const w of titles) if (w.length > 3) words.add(w.slice(0, 5));
    }
    contexts.set(p.key, words);
  }

  const voicesByDoc = new Map<string, Voice[]>();
  const keysByGroup = new Map<string, Set<number>>();
  const resolvedByDoc = new Map<string, { q: RawQuote; r: Resolved }[]>();
  for (const d of ordered) {
    const mentions = personPositions(d, people);
    const resolved: { q: RawQuote; r: Resolved }[] = [];
    for (const q of raw.get(d.id) ?? []) {
      const r = resolveSpeaker(q, d, resolved, mentions, personByMention, people, contexts);
      if (!r) continue;
      resolved.push({ q, r });
      const gs = keysByGroup.get(r.key) ?? new Set<number>();
      gs.add(groupOf.get(d.id) ?? -1);
      keysByGroup.set(r.key, gs);
    }
    resolvedByDoc.set(d.id, resolved);
  }
  for (const d of ordered) {
    const byKey = new Map<string, Voice>();
    for (const { q, r } of resolvedByDoc.get(d.id) ?? []) {
      const v = byKey.get(r.key) ?? {
        speaker: r.name,
        speakerKey: r.key,
        speakerType: r.type,
        quotes: 0,
        indirect: 0,
        words: 0,
        isUniqueToOutlet: (keysByGroup.get(r.key)?.size ?? 0) <= 1,
        evidence: [],
      };
      const quoteText = d.text.slice(q.quoteStart, q.quoteEnd);
      if (q.kind === 'direct') {
        v.quotes += 1;
        v.words += countWords(quoteText);
      } else {
        v.indirect += 1;
      }
      const item: Quote = {
        ...evidence(d, q.start, q.end),
        kind: q.kind,
        speakerMention: q.speaker.text,
        quote: quoteText,
        quoteStart: q.quoteStart,
        quoteEnd: q.quoteEnd,
      };
      v.evidence.push(item);
      byKey.set(r.key, v);
    }
    voicesByDoc.set(
      d.id,
      [...byKey.values()].sort(
        (a, b) =>
          b.words - a.words ||
          b.quotes - a.quotes ||
          b.indirect - a.indirect ||
          a.speaker.localeCompare(b.speaker),
      ),
    );
  }
  const speakerSpans = new Map<string, SpeakerSpan[]>();
  for (const [id, list] of resolvedByDoc)
    speakerSpans.set(
      id,
      list.map(({ q, r }) => ({ start: q.start, end: q.end, key: r.key })),
    );
  return { voicesByDoc, people, speakerSpans };
}

type Mention = { pos: number; key: string; sentence: number; isPossessive: boolean };

/** Where each known person is named in a text, outside quotation marks. */
function personPositions(d: Doc, people: PersonName[]): Mention[] {
  const out: Mention[] = [];
  const inQuote = (pos: number): boolean => d.quoteSpans.some((s) => pos >= s.start && pos < s.end);
  for (const p of people) {
    const surnames = new Set<string>();
    for (const v of p.variants) {
      const toks = displayName(v).split(' ');
      const last = toks[toks.length - 1];
      if (last) surnames.add(last);
    }
    for (const s of surnames) {
      const re = new RegExp(`(?<![\\p{L}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
      for (const m of d.text.matchAll(re)) {
        if (inQuote(m.index)) continue;
        const isPossessive = /^[’']s\b/u.test(d.text.slice(m.index + m[0].length, m.index + m[0].length + 3));
        out.push({ pos: m.index, key: p.key, sentence: sentenceAt(d, m.index), isPossessive });
      }
    }
  }
  return out.sort((a, b) => a.pos - b.pos);
}

function sentenceAt(d: Doc, pos: number): number {
  const i = d.sentences.findIndex((s) => pos >= s.start && pos < s.end);
  return i < 0 ? d.sentences.length : i;
}

function resolveSpeaker(
  q: RawQuote,
  d: Doc,
  previous: { q: RawQuote; r: Resolved }[],
  mentions: Mention[],
  personByMention: (m: string) => PersonName | null,
  people: PersonName[],
  contexts: Map<string, Set<string>>,
): Resolved | null {
  const s: SpeakerMention = q.speaker;
  const asPerson = (key: string): Resolved | null => {
    const p = people.find((x) => x.key === key);
    return p ? { type: 'person', key: p.key, name: p.canonical } : null;
  };
  switch (s.type) {
    case 'name': {
      if (isGroupName(s.text)) {
        const key = nominalKey(s.text);
        return { type: 'group', key, name: s.text.replace(/^the\s+/i, '') };
      }
      const p = personByMention(s.text);
      return p ? { type: 'person', key: p.key, name: p.canonical } : null;
    }
    case 'pronoun': {
      const sent = sentenceAt(d, s.start);
      if (/^they$/i.test(s.text)) {
        const g = [...previous].reverse().find((x) => x.r.type !== 'person' && sent - x.q.sentenceIndex <= 3);
        return g ? g.r : null;
      }
      // The subject usually comes first: the first person named in the sentence (not "Putin's").
      // In a reporting clause after the reported words ("Vale is lying, he said") the pronoun does
      // not point back into those words: skip to the previous speaker.
      const sentenceStart = d.sentences[sent]?.start ?? 0;
      const isTrailingClause = /[,”"’]\s*$/u.test(d.text.slice(sentenceStart, s.start));
      const sameSentence = isTrailingClause
        ? undefined
        : mentions.find((m) => m.sentence === sent && m.pos < s.start && !m.isPossessive);
      if (sameSentence) return asPerson(sameSentence.key);
      const recent = [...previous]
        .reverse()
        .find((x) => x.r.type === 'person' && sent - x.q.sentenceIndex <= 1);
      if (recent) return recent.r;
      const prevSentence = mentions.find((m) => m.sentence === sent - 1 && !m.isPossessive);
      if (prevSentence) return asPerson(prevSentence.key);
      const last = mentions.filter((m) => m.pos < s.start).pop();
      return last ? asPerson(last.key) : null;
    }
    case 'nominal': {
      const words = s.text
        .toLowerCase()
        .replace(/[’']s\b/g, '')
        .split(/\s+/);
      const head = words[words.length - 1] ?? '';
      if (/^(leader|president|premier|chancellor)$/.test(head)) {
        const stems = words
          .slice(0, -1)
          .filter((w) => w.length > 3 && !['the', 'country'].includes(w))
          .map((w) => w.slice(0, 5));
        const fits = people.filter(
          (p) => stems.length > 0 && stems.every((st) => contexts.get(p.key)?.has(st)),
        );
        if (fits.length === 1 && fits[0])
          return { type: 'person', key: fits[0].key, name: fits[0].canonical };
      }
      // "the soldier" after "A Ukrainian soldier": the same unnamed speaker.
      if (/^the\s/i.test(s.text)) {
        const earlier = [...previous]
          .reverse()
          .find((x) => x.r.type !== 'person' && x.r.key.split(' ').pop() === head);
        if (earlier) return earlier.r;
      }
      const key = nominalKey(s.text);
      const isGroup = ORG_LAST.has(head) || /^(staff|ministry|government|authorities|media)$/.test(head);
      return { type: isGroup ? 'group' : 'unnamed', key, name: s.text.replace(/^the\s+/i, '') };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Word choice

type TermCounts = {
  counts: Map<string, number>;
  surface: Map<string, Map<string, number>>;
  positions: Map<string, [number, number][]>;
  total: number;
};

function outletTerms(d: Doc): TermCounts {
  const counts = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  const positions = new Map<string, [number, number][]>();
  let total = 0;
  for (const m of d.text.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)) {
    // Hyphenated compounds are one term ("cease-fire" = "ceasefire").
    const t = {
      norm: m[0].toLowerCase().replace(/-/g, '').replace(/’/g, "'"),
      start: m.index,
      end: m.index + m[0].length,
    };
    if (t.norm.length < 3 || STOPWORDS.has(t.norm) || /^\p{N}+$/u.test(t.norm)) continue;
    // Quoted words are the speaker's choice, not the outlet's.
    if (d.quoteSpans.some((s) => t.start >= s.innerStart && t.start < s.innerEnd)) continue;
    const k = termKey(t.norm);
    total += 1;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    const sf = surface.get(k) ?? new Map<string, number>();
    sf.set(t.norm, (sf.get(t.norm) ?? 0) + 1);
    surface.set(k, sf);
    const list = positions.get(k);
    if (list) list.push([t.start, t.end]);
    else positions.set(k, [[t.start, t.end]]);
  }
  return { counts, surface, positions, total };
}

/**
 * Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
 * Words"), each article against the other independent sources of the story (its own copies and
 * rewrites excluded); the prior is the whole story's term distribution.
 */
function distinctiveTerms(
  ordered: Doc[],
  groupOf: Map<string, number>,
  a0: number,
  max: number,
): Map<string, DistinctiveTerm[]> {
  const per = new Map(ordered.map((d) => [d.id, outletTerms(d)]));
  const story = new Map<string, number>();
  let storyTotal = 0;
  for (const t of per.values()) {
    for (const [k, c] of t.counts) story.set(k, (story.get(k) ?? 0) + c);
    storyTotal += t.total;
  }
  // A prior of a0 pseudo-words, but never more than a quarter of the story: in a short story a
  // fixed prior would swamp every count.
  const prior = Math.min(a0, storyTotal / 4);
  const out = new Map<string, DistinctiveTerm[]>();
  for (const d of ordered) {
    const mine = per.get(d.id);
    if (!mine) continue;
    const others = ordered.filter((o) => groupOf.get(o.id) !== groupOf.get(d.id));
    if (others.length === 0) {
      out.set(d.id, []);
      continue;
    }
    const rest = new Map<string, number>();
    let restTotal = 0;
    for (const o of others) {
      const t = per.get(o.id);
      if (!t) continue;
      for (const [k, c] of t.counts) rest.set(k, (rest.get(k) ?? 0) + c);
      restTotal += t.total;
    }
    // Other sources with no words (empty or paywalled texts) leave nothing to contrast against.
    if (restTotal === 0) {
      out.set(d.id, []);
      continue;
    }
    const scored: DistinctiveTerm[] = [];
    for (const [k, yi] of mine.counts) {
      if (yi < 2) continue;
      const alpha = (prior * (story.get(k) ?? 0)) / storyTotal;
      const yr = rest.get(k) ?? 0;
      const delta =
        Math.log((yi + alpha) / (mine.total + prior - yi - alpha)) -
        Math.log((yr + alpha) / (restTotal + prior - yr - alpha));
      const z = delta / Math.sqrt(1 / (yi + alpha) + 1 / (yr + alpha));
      // A story made of this one term leaves both complements empty and the log-odds undefined.
      if (!Number.isFinite(z) || z < 1.96) continue;
      const surf =
        [...(mine.surface.get(k) ?? new Map<string, number>()).entries()].sort(
          (x, y) => y[1] - x[1],
        )[0]?.[0] ?? k;
      scored.push({
        term: surf,
        zScore: round(z),
        count: yi,
        otherCount: yr,
        evidence: (mine.positions.get(k) ?? []).slice(0, 3).map(([s, e]) => evidence(d, s, e)),
      });
    }
    out.set(d.id, scored.sort((x, y) => y.zScore - x.zScore || x.term.localeCompare(y.term)).slice(0, max));
  }
  return out;
}

function lexiconHits(d: Doc): LexiconHit[] {
  const hits: LexiconHit[] = [];
  for (const t of tokenize(d.text)) {
    const category = lexiconCategory(t.norm);
    if (!category) continue;
    hits.push({
      ...evidence(d, t.start, t.end),
      word: t.norm,
      category,
      isInQuote: d.quoteSpans.some((s) => t.start >= s.innerStart && t.start < s.innerEnd),
    });
  }
  return hits;
}

/** Whether the headline's terms, verbs and evaluative words appear in the body (stem match). */
function checkHeadline(d: Doc): HeadlineCheck | null {
  if (!d.headline) return null;
  const headTokens = tokenize(d.headline.replace(/(\p{L})-(\p{L})/gu, '$1$2')).map((t) => t.norm);
  const lede = findLede(d);
  const ledeKeys = new Set(lede ? contentKeys(lede.text) : []);
  // Verbs such as "says" or "had" are stopwords elsewhere; here every word of the body counts.
  const bodyKeys = new Set(tokenize(d.text.replace(/(\p{L})-(\p{L})/gu, '$1$2')).map((t) => termKey(t.norm)));
  const verbs = headTokens.filter((w) => HEADLINE_VERBS.has(w));
  const seen = new Set<string>();
  const terms: HeadlineCheck['terms'] = [];
  for (const w of headTokens) {
    if (w.length < 2 || (STOPWORDS.has(w) && !HEADLINE_VERBS.has(w))) continue;
    const k = termKey(w);
    if (seen.has(k)) continue;
    seen.add(k);
    terms.push({ term: w, isInBody: bodyKeys.has(k), isInLede: ledeKeys.has(k) });
  }
  const support = terms.length === 0 ? 0 : terms.filter((t) => t.isInBody).length / terms.length;
  const mustHave = headTokens
    .filter((w) => HEADLINE_VERBS.has(w) && !STOPWORDS.has(w))
    .concat(headTokens.filter((w) => lexiconCategory(w) === 'evaluative'));
  const isSupported = support >= 0.75 && mustHave.every((w) => bodyKeys.has(termKey(w)));
  const headKeys = new Set(terms.map((t) => termKey(t.term)));
  const best = d.units
    .map((u) => ({ u, n: [...u.keys].filter((k) => headKeys.has(k)).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.u.start - b.u.start)
    .slice(0, 3)
    .sort((a, b) => a.u.start - b.u.start);
  return {
    terms,
    verbs,
    support: round(support),
    isSupported,
    evidence: best.map((x) => evidence(d, x.u.start, x.u.end)),
  };
}
