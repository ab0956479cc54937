import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ArticleInput } from '../article.ts';
import { analyzeStory } from './analyze.ts';
import { storyAnalysisSchema, STORY_ANALYSIS_VERSION } from './schema.ts';
import type { StoryAnalysis } from './schema.ts';

type ManifestEntry = { id: string; file: string; outlet: string | null; title: string; published_at: string };

/** Loads an invented story written in the same layout as the seeds (manifest.json + text files). */
function loadStory(name: string): ArticleInput[] {
  const dir = new URL(`./fixtures/${name}/`, import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as {
    articles: ManifestEntry[];
  };
  return manifest.articles.map(({ published_at, ...a }) => ({
    ...a,
    publishedAt: published_at,
    text: readFileSync(new URL(a.file, dir), 'utf8'),
  }));
}

const story = analyzeStory(loadStory('bridge'));
const article = (r: StoryAnalysis, id: string) => {
  const a = r.articles.find((x) => x.id === id);
  if (!a) throw new Error(`no article ${id}`);
  return a;
};

describe('analyzeStory on an invented five-outlet story', () => {
  it('returns a valid, versioned StoryAnalysis in publication order', () => {
    expect(storyAnalysisSchema.parse(story).version).toBe(STORY_ANALYSIS_VERSION);
    expect(story.articles.map((a) => a.id)).toEqual(['a', 'd', 'e', 'b', 'c']);
    expect(story.articles.map((a) => a.publicationRank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives every evidence span as a verbatim slice of the cleaned text', () => {
    const byId = new Map(story.articles.map((a) => [a.id, a.cleanText]));
    const spans = [
      ...story.claims.flatMap((c) => c.evidence),
      ...story.articles.flatMap((a) => [
        ...a.voices.flatMap((v) => v.evidence),
        ...a.lexicon,
        ...(a.ledeEvidence ? [a.ledeEvidence] : []),
        ...(a.derivedFrom?.evidence.flatMap((p) => [p.source, p.target]) ?? []),
        ...a.distinctiveTerms.flatMap((t) => t.evidence),
      ]),
    ];
    expect(spans.length).toBeGreaterThan(30);
    for (const e of spans) expect(byId.get(e.articleId)?.slice(e.start, e.end)).toBe(e.text);
    for (const a of story.articles) {
      for (const v of a.voices)
        for (const q of v.evidence) expect(a.cleanText.slice(q.quoteStart, q.quoteEnd)).toBe(q.quote);
    }
  });

  it('takes the lede from the first real sentence, never from boilerplate', () => {
    expect(article(story, 'a').lede).toBe(
      'The Port Elmsley council approved the new tidal bridge by seven votes to two on Tuesday night.',
    );
    expect(article(story, 'd').lede).toMatch(/^PORT ELMSLEY — The council approved/);
    const boilerplate =
      /Picture:|comment|JavaScript|Subscribe|subscriber|Original URL|Distributed by|Disqus|\{|News & Features/i;
    for (const a of story.articles) {
      expect(a.lede ?? '').not.toMatch(boilerplate);
      expect(a.cleanText).not.toMatch(boilerplate);
    }
    for (const c of story.claims) expect(c.text).not.toMatch(boilerplate);
  });

  it('finds original publishers from trailing credits, bylines, copyright and distribution lines', () => {
    expect(article(story, 'b').originalPublisher).toMatchObject({
      name: 'The Harbor Ledger',
      distributor: null,
      confidence: 'strong',
    });
    const d = article(story, 'd').originalPublisher;
    expect(d).toMatchObject({
      name: 'Harbor News Service',
      distributor: 'Coastal Content Agency, LLC',
      confidence: 'strong',
    });
    expect(d?.evidence.map((e) => e.kind)).toEqual(['byline', 'copyright']);
    // A paper's own paywall naming itself is not syndication; an outlet's own piece has no original publisher.
    expect(article(story, 'a').originalPublisher).toBeNull();
  });

  it('flags the copy and the paraphrased rewrite with aligned sentence pairs', () => {
    const b = article(story, 'b').derivedFrom;
    expect(b).toMatchObject({ id: 'a', kind: 'copy', directionBasis: 'published-earlier' });
    const c = article(story, 'c').derivedFrom;
    expect(c?.kind).toBe('rewrite');
    expect(c?.id).toBe('a');
    expect(c?.shingleContainment).toBeLessThan(0.3);
    expect(c?.evidence.length).toBeGreaterThanOrEqual(5);
    const first = c?.evidence[0];
    expect(first?.source.text).toMatch(/^The Port Elmsley council approved/);
    expect(first?.target.text).toMatch(/^On Tuesday night the council of Port Elmsley backed/);
    // The independent wire piece is not derived from anything.
    expect(article(story, 'd').derivedFrom).toBeNull();
    expect(article(story, 'e').derivedFrom).toBeNull();
    expect(story.sourceCount).toBe(3);
  });

  it('counts copies once in claims, so syndication never inflates consensus', () => {
    const vote = story.claims.find((c) => c.text.startsWith('The Port Elmsley council approved'));
    expect(vote?.articleIds.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(vote?.sourceCount).toBe(3);
    expect(vote?.status).toBe('consensus');
    // The mayor's quote: in the Ledger family and the Sentinel, omitted by the wire piece.
    const promise = story.claims.find((c) => c.text.includes('promise kept'));
    expect(promise?.status).toBe('consensus');
    expect(promise?.omittedBy).toEqual(['d']);
    // Carried only by the Ledger and its copies: one source, so unique, however many outlets print it.
    const appeal = story.claims.find((c) => c.text.startsWith('Opponents of the bridge'));
    expect(appeal?.articleIds.length).toBeGreaterThanOrEqual(2);
    expect(appeal?.status).toBe('unique');
    const fishermen = story.claims.find((c) => c.text.startsWith('Fishermen'));
    expect(fishermen).toMatchObject({ articleIds: ['d'], status: 'unique', sourceCount: 1 });
  });

  it('does not list a truncated (paywalled) article as omitting a claim', () => {
    const e = article(story, 'e');
    expect(e.isTruncated).toBe(true);
    for (const c of story.claims) expect(c.omittedBy).not.toContain('e');
  });

  it('finds voices in every quote style and unifies names across outlets and spellings', () => {
    const delgadoA = article(story, 'a').voices.find((v) => v.speakerKey === 'delgado');
    expect(delgadoA).toMatchObject({
      speaker: 'Ana R. Delgado',
      speakerType: 'person',
      quotes: 1,
      words: 10,
    });
    // Single curly quotes and "Ms." in the Sentinel.
    expect(article(story, 'e').voices.map((v) => v.speakerKey)).toEqual(['delgado']);
    // "Petroff" (wire) and "Mr. Petrov" (Ledger) are one person; straight quotes, two sentences.
    const petroffD = article(story, 'd').voices.find((v) => v.speakerKey === 'petrov');
    expect(petroffD).toMatchObject({ quotes: 2, indirect: 1 });
    expect(petroffD?.evidence.map((q) => q.speakerMention)).toContain('Petroff');
    // "according to city engineer Ivo Petrov" is an indirect attribution.
    expect(article(story, 'c').voices.find((v) => v.speakerKey === 'petrov')).toMatchObject({
      quotes: 0,
      indirect: 1,
    });
    expect(story.people.find((p) => p.key === 'petrov')?.variants).toEqual(
      expect.arrayContaining(['Petroff', 'Mr. Petrov']),
    );
  });

  it('marks a speaker quoted by one source only', () => {
    const okoro = article(story, 'd').voices.find((v) => v.speaker === 'Lina Okoro');
    expect(okoro).toMatchObject({ isUniqueToOutlet: true, indirect: 1, quotes: 0 });
    expect(article(story, 'a').voices.every((v) => !v.isUniqueToOutlet)).toBe(true);
  });

  it('checks whether the headline is supported by the body', () => {
    expect(article(story, 'a').headlineCheck).toMatchObject({ isSupported: true, verbs: ['approves'] });
    const d = article(story, 'd').headlineCheck;
    expect(d?.isSupported).toBe(false);
    expect(d?.terms.filter((t) => !t.isInBody).map((t) => t.term)).toEqual(['wins', 'backing']);
    expect(article(story, 'c').headlineCheck).toBeNull();
  });

  it('lists lexicon words with their category, separating quoted words', () => {
    expect(article(story, 'd').lexicon).toEqual([
      expect.objectContaining({ word: 'reportedly', category: 'hedging', isInQuote: false }),
    ]);
    expect(article(story, 'a').lexicon.map((l) => l.word)).toEqual(['historic']);
  });
});

describe('analyzeStory word choice', () => {
  it('keeps a loaded term one outlet repeats and the others avoid, with every occurrence', () => {
    const mk = (id: string, text: string): ArticleInput => ({ id, title: `Budget ${id}`, outlet: id, text });
    const r = analyzeStory([
      mk(
        'x',
        'The regime pushed its harbor budget through on Monday. Critics of the regime said the regime ignored them. ' +
          'The regime will spend more on patrol boats. Regime loyalists filled the gallery. The regime also cut the ' +
          'library fund, and the regime refused questions. A regime spokesman blamed the weather for the delay.',
      ),
      mk(
        'y',
        'Elmsley council members passed the harbor budget after a long session. Some members said the council ignored the fishing lobby. Spending on schools rises.',
      ),
      mk(
        'z',
        'A short debate preceded the vote on harbor spending. Members of the council voted twice because of a counting error. The mayor welcomed the result.',
      ),
    ]);
    expect(r.sourceCount).toBe(3);
    const x = r.articles.find((a) => a.id === 'x');
    const regime = x?.distinctiveTerms.find((t) => t.term === 'regime');
    expect(regime).toMatchObject({ count: 8, otherCount: 0, signals: ['evaluative', 'substitution'] });
    expect(regime?.evidence).toHaveLength(8);
    expect(regime?.zScore).toBeGreaterThan(1.96);
    expect(r.articles.find((a) => a.id === 'y')?.distinctiveTerms.map((t) => t.term)).not.toContain('regime');
  });

  it('handles an empty story and an article without text', () => {
    expect(analyzeStory([]).articles).toEqual([]);
    const r = analyzeStory([{ id: 'solo', title: 'Only a title' }]);
    expect(r.articles[0]).toMatchObject({ lede: null, wordCount: 0, derivedFrom: null, voices: [] });
    expect(r.claims).toEqual([]);
  });
});

describe('analyzeStory speaker resolution', () => {
  const text = [
    'Elmsland President Mara Voss said on Monday that the harbor talks had stalled.',
    'Continuing her critique, Elmsland’s leader stated, "The other side keeps moving the goalposts."',
    'The Elmsland coast guard command rejected the reports, calling them "invented." "Our boats are in port," they said in a statement.',
    'A harbor pilot, who was reached by phone, described the mood, saying, “Nobody trusts the schedule.”',
    'It was calmer than the papers claimed, the pilot added.',
  ].join('\n\n');
  const r = analyzeStory([{ id: 'n', title: 'Talks stall', outlet: 'Gazette', text }]);
  const voices = r.articles[0]?.voices ?? [];
  const by = (speaker: string) => voices.find((v) => v.speaker === speaker);

  it('resolves a descriptor to the person introduced with that title', () => {
    expect(by('Mara Voss')).toMatchObject({ speakerType: 'person', quotes: 1, indirect: 1 });
    expect(by('Mara Voss')?.evidence.map((e) => e.speakerMention)).toContain('Elmsland’s leader');
  });

  it('resolves "they" to the group quoted just before and "the pilot" to "A harbor pilot"', () => {
    expect(by('Elmsland coast guard command')).toMatchObject({ speakerType: 'group', quotes: 2 });
    expect(by('A harbor pilot')).toMatchObject({ speakerType: 'unnamed', quotes: 1, indirect: 1 });
  });
});
