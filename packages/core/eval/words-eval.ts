/**
 * Word choice against BASIL's expert annotations of lexical bias (dev/basil-dev.jsonl): do the words
 * the analysis calls an outlet's own land on the loaded language the annotators marked?
 *
 * One analyzeStory per event (its three articles; id/title/text/url/outlet/date only).
 * Counted: every evidence span of every `distinctiveTerms` entry (one span = one occurrence, the
 * same span counted once). An occurrence is a hit when it overlaps a `lex` span (annotation
 * offsets are into `sentences[i].text`, found in the article's cleanText in order).
 * lift = (hits / occurrences) / (content words overlapping a lex span / all content words), pooled
 * over the articles of a split; content words = `contentWords` tokens of cleanText (stopwords and
 * one-letter tokens out; names, numbers and quoted words in, as the annotators saw them).
 * Splits: tune = sha256(story)[0] even, check = odd. `--show` prints each article's terms;
 * `--ablate` scores the ranking with one signal alone and with each left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ArticleInput, StoryAnalysis, WordChoiceOptions } from '../src/index.ts';
import { STOPWORDS, analyzeStory, tokenize } from '../src/index.ts';
import { isFirstHalf, shared } from './corpus.ts';

/** `WORD_OPTIONS='{"threshold":0.6}'` tries other settings without editing the defaults. */
const overrides = JSON.parse(process.env.WORD_OPTIONS ?? '{}') as Partial<WordChoiceOptions>;

const basilPath = path.join(shared, 'corpus', 'dev', 'basil-dev.jsonl');

/** Today's numbers, measured on the code before the word-choice rework (commit 275093d). */
const BEFORE = {
  tune: { lift: 0, withTerms: 0.45, occPerArticle: 2.4 },
  check: { lift: 0, withTerms: 0.4, occPerArticle: 2.3 },
  all: { lift: 0, withTerms: 0.43, occPerArticle: 2.4 },
};

type Annotation = { bias: string; start: number; end: number; txt: string };
type Row = {
  id: string;
  title: string;
  text: string;
  url: string;
  outlet: string;
  published_at: string;
  story: string;
  sentences: { text: string; annotations: Annotation[] }[];
};

type Scored = { occurrences: number; hits: number; words: number; wordsInLex: number };
type ArticleScore = Scored & { id: string; story: string; hasTerms: boolean };

/** Lex spans as offsets into `text` (the article's cleanText), sentence by sentence in order. */
function lexSpans(row: Row, text: string): { spans: [number, number][]; lost: number } {
  const spans: [number, number][] = [];
  let lost = 0;
  let cursor = 0;
  for (const s of row.sentences) {
    const at = text.indexOf(s.text, cursor);
    if (at >= 0) cursor = at + s.text.length;
    for (const a of s.annotations) {
      if (a.bias !== 'lex') continue;
      if (at >= 0) spans.push([at + a.start, at + a.end]);
      else {
        // Cleaning changed the sentence (whitespace, a dropped line): fall back to the marked words.
        const w = text.indexOf(a.txt);
        if (w >= 0) spans.push([w, w + a.txt.length]);
        else lost += 1;
      }
    }
  }
  return { spans, lost };
}

const overlaps = (spans: [number, number][], s: number, e: number): boolean =>
  spans.some(([a, b]) => s < b && a < e);

function contentTokens(text: string): { start: number; end: number; norm: string }[] {
  return tokenize(text).filter((t) => {
    const w = t.norm.replace(/'s$/, '');
    return w.length > 1 && !STOPWORDS.has(w);
  });
}

function lift(xs: Scored[]): number {
  const occ = xs.reduce((n, x) => n + x.occurrences, 0);
  const hits = xs.reduce((n, x) => n + x.hits, 0);
  const words = xs.reduce((n, x) => n + x.words, 0);
  const inLex = xs.reduce((n, x) => n + x.wordsInLex, 0);
  if (occ === 0 || inLex === 0) return 0;
  return hits / occ / (inLex / words);
}

type Ref = (
  rows: Row[],
  texts: Map<string, string>,
  fileDf: Map<string, number>,
) => Map<string, [number, number][]>;

/** Reference: every content word of an article absent (lower-cased) from the other two. */
const absentElsewhere: Ref = (rows, texts) => {
  const out = new Map<string, [number, number][]>();
  for (const r of rows) {
    const others = new Set(
      rows
        .filter((o) => o.id !== r.id)
        .flatMap((o) => contentTokens(texts.get(o.id) ?? '').map((t) => t.norm)),
    );
    out.set(
      r.id,
      contentTokens(texts.get(r.id) ?? '')
        .filter((t) => !others.has(t.norm))
        .map((t) => [t.start, t.end]),
    );
  }
  return out;
};

/** Reference: lower-case content words found in at most RARE_DF articles of the whole file. */
const RARE_DF = 1;
const rareLowercase: Ref = (rows, texts, fileDf) => {
  const out = new Map<string, [number, number][]>();
  for (const r of rows) {
    const text = texts.get(r.id) ?? '';
    out.set(
      r.id,
      contentTokens(text)
        .filter((t) => /^\p{Ll}/u.test(text.slice(t.start, t.end)) && (fileDf.get(t.norm) ?? 0) <= RARE_DF)
        .map((t) => [t.start, t.end]),
    );
  }
  return out;
};

function scoreSpans(text: string, lex: [number, number][], picked: [number, number][]): Scored {
  const unique = [...new Map(picked.map((p) => [p[0], p])).values()];
  const words = contentTokens(text);
  return {
    occurrences: unique.length,
    hits: unique.filter(([s, e]) => overlaps(lex, s, e)).length,
    words: words.length,
    wordsInLex: words.filter((t) => overlaps(lex, t.start, t.end)).length,
  };
}

function summary(name: string, xs: ArticleScore[]): string {
  const withTerms = xs.filter((x) => x.hasTerms).length / Math.max(1, xs.length);
  const occ = xs.reduce((n, x) => n + x.occurrences, 0) / Math.max(1, xs.length);
  const atLeast3 = xs.filter((x) => x.occurrences >= 3).length / Math.max(1, xs.length);
  const hits = xs.reduce((n, x) => n + x.hits, 0);
  return (
    `${name.padEnd(34)} lift ${lift(xs).toFixed(2).padStart(5)}  articles with terms ${(withTerms * 100).toFixed(0).padStart(3)}%` +
    `  occurrences/article ${occ.toFixed(1).padStart(4)} (>=3: ${(atLeast3 * 100).toFixed(0).padStart(3)}%)  hits ${hits}`
  );
}

const toInputs = (group: Row[]): ArticleInput[] =>
  group.map((r) => ({
    id: r.id,
    title: r.title,
    text: r.text,
    url: r.url,
    outlet: r.outlet,
    publishedAt: r.published_at,
  }));

/** One signal at a time, and each left out (`--ablate`): what every part of the ranking adds. */
const ABLATIONS: [string, Partial<WordChoiceOptions>][] = [
  ['only lexicon + VADER', { weights: { lexicon: 1, rarity: 0, substitution: 0 } }],
  ['only rarity', { weights: { lexicon: 0, rarity: 1, substitution: 0 } }],
  ['only substitution', { weights: { lexicon: 0, rarity: 0, substitution: 1 } }],
  ['without lexicon + VADER', { weights: { lexicon: 0, rarity: 0.5, substitution: 0.3 } }],
  ['without substitution', { weights: { lexicon: 0.2, rarity: 0.5, substitution: 0 } }],
];

function main(): void {
  if (!existsSync(basilPath)) {
    console.log(`words-eval: no BASIL dev file at ${basilPath} (set PARALLAX_SHARED); skipping.`);
    return;
  }
  const rows = readFileSync(basilPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
  const stories = new Map<string, Row[]>();
  for (const r of rows) stories.set(r.story, [...(stories.get(r.story) ?? []), r]);
  const show = process.argv.includes('--show');

  const analyses = new Map<string, StoryAnalysis>();
  const texts = new Map<string, string>();
  const lex = new Map<string, [number, number][]>();
  let lost = 0;
  let lexCount = 0;
  let cpu = 0;
  for (const [story, group] of stories) {
    const t0 = process.cpuUsage();
    const analysis = analyzeStory(toInputs(group), { wordChoice: overrides });
    const dt = process.cpuUsage(t0);
    cpu += (dt.user + dt.system) / 1000;
    analyses.set(story, analysis);
    for (const a of analysis.articles) {
      texts.set(a.id, a.cleanText);
      const row = group.find((r) => r.id === a.id);
      if (!row) continue;
      const l = lexSpans(row, a.cleanText);
      lex.set(a.id, l.spans);
      lost += l.lost;
      lexCount += l.spans.length;
    }
  }
  const fileDf = new Map<string, number>();
  for (const t of texts.values())
    for (const w of new Set(contentTokens(t).map((x) => x.norm))) fileDf.set(w, (fileDf.get(w) ?? 0) + 1);

  const byMethod = new Map<string, ArticleScore[]>();
  const add = (method: string, s: ArticleScore): void => {
    byMethod.set(method, [...(byMethod.get(method) ?? []), s]);
  };
  if (process.argv.includes('--ablate'))
    for (const [name, options] of ABLATIONS)
      for (const [story, group] of stories)
        for (const a of analyzeStory(toInputs(group), { wordChoice: { ...overrides, ...options } })
          .articles) {
          const picked = a.distinctiveTerms.flatMap((t) =>
            t.evidence.map((e): [number, number] => [e.start, e.end]),
          );
          add(`ablation: ${name}`, {
            ...scoreSpans(texts.get(a.id) ?? '', lex.get(a.id) ?? [], picked),
            id: a.id,
            story,
            hasTerms: a.distinctiveTerms.length > 0,
          });
        }
  for (const [story, group] of stories) {
    const analysis = analyses.get(story);
    if (!analysis) continue;
    const refs: [string, Map<string, [number, number][]>][] = [
      ['reference: absent from other two', absentElsewhere(group, texts, fileDf)],
      [`reference: lowercase, file df<=${RARE_DF}`, rareLowercase(group, texts, fileDf)],
    ];
    for (const a of analysis.articles) {
      const text = texts.get(a.id) ?? '';
      const spans = lex.get(a.id) ?? [];
      const picked = a.distinctiveTerms.flatMap((t) =>
        t.evidence.map((e): [number, number] => [e.start, e.end]),
      );
      add('distinctiveTerms', {
        ...scoreSpans(text, spans, picked),
        id: a.id,
        story,
        hasTerms: a.distinctiveTerms.length > 0,
      });
      for (const [name, ref] of refs) {
        const p = ref.get(a.id) ?? [];
        add(name, { ...scoreSpans(text, spans, p), id: a.id, story, hasTerms: p.length > 0 });
      }
      if (show) {
        const marks = spans.map(([s, e]) => text.slice(s, e)).join(' | ');
        console.log(`\n${a.outlet} ${a.id}\n  lex: ${marks}`);
        for (const t of a.distinctiveTerms) {
          const hit = t.evidence.filter((e) => overlaps(spans, e.start, e.end)).length;
          const signals = (t.signals ?? []).join(',');
          console.log(
            `  ${t.term} score=${t.score} [${signals}] n=${t.count}${hit > 0 ? `  HIT x${hit}` : ''}`,
          );
          for (const s of t.substitutions ?? [])
            console.log(`    where ${s.otherArticleId} wrote "${s.otherWord}"`);
        }
      }
    }
  }

  console.log(
    `BASIL dev: ${rows.length} articles, ${stories.size} events, ${lexCount} lex spans mapped to cleanText (${lost} lost); ` +
      `analyzeStory CPU ${(cpu / stories.size).toFixed(0)} ms/event`,
  );
  console.log('tune = sha256(story)[0] even, check = odd (tuned on tune only)');
  for (const [method, xs] of byMethod) {
    for (const [half, pick] of [
      ['tune', (x: ArticleScore) => isFirstHalf(x.story)],
      ['check', (x: ArticleScore) => !isFirstHalf(x.story)],
      ['all', () => true],
    ] as const)
      console.log(summary(`${method} [${half}]`, xs.filter(pick)));
  }
  for (const [half, b] of Object.entries(BEFORE))
    console.log(
      `${`before (275093d) [${half}]`.padEnd(34)} lift ${b.lift.toFixed(2).padStart(5)}  articles with terms ${(b.withTerms * 100).toFixed(0).padStart(3)}%  occurrences/article ${b.occPerArticle.toFixed(1).padStart(4)}`,
    );
}

main();
