import { describe, expect, it } from 'vitest';
import type { ArticleInput } from '../article.ts';
import { analyzeStory } from './analyze.ts';
import type { ArticleAnalysis, StoryAnalysis } from './schema.ts';

const mk = (id: string, text: string): ArticleInput => ({
  id,
  title: `Harbor ${id}`,
  outlet: `Outlet ${id}`,
  text,
});
const terms = (r: StoryAnalysis, id: string): ArticleAnalysis['distinctiveTerms'] =>
  r.articles.find((a) => a.id === id)?.distinctiveTerms ?? [];

describe('word choice', () => {
  it('reports "A wrote X where B wrote Y" inside an aligned claim, with both sentences', () => {
    const r = analyzeStory([
      mk(
        'a',
        'Mayor Ana Delgado slammed the harbor budget plan on Monday. The port wants new cranes before winter. ' +
          'Fishermen gathered near the docks at dawn.',
      ),
      mk(
        'b',
        'Mayor Ana Delgado criticized the harbor budget plan on Monday. Officials expect a vote in the spring. ' +
          'The channel will be dredged first.',
      ),
      mk(
        'c',
        'Councillors will debate the spending next week, according to the agenda. Tickets for ferries rose again.',
      ),
    ]);
    const slammed = terms(r, 'a').find((t) => t.term === 'slammed');
    expect(slammed?.signals).toContain('substitution');
    expect(slammed?.substitutions).toHaveLength(1);
    expect(slammed?.substitutions?.[0]).toMatchObject({
      articleId: 'a',
      word: 'slammed',
      otherArticleId: 'b',
      otherWord: 'criticized',
      sentence: { articleId: 'a', text: 'Mayor Ana Delgado slammed the harbor budget plan on Monday.' },
      otherSentence: {
        articleId: 'b',
        text: 'Mayor Ana Delgado criticized the harbor budget plan on Monday.',
      },
    });
    expect(terms(r, 'b').find((t) => t.term === 'criticized')?.substitutions?.[0]?.otherWord).toBe('slammed');
  });

  it('pairs a word only with one of the same part of speech, but still ranks it as divergent', () => {
    const r = analyzeStory([
      mk(
        'a',
        'Mayor Ana Delgado delivered a defiant statement about the harbor budget on Monday. Gulls circled over the quay.',
      ),
      mk(
        'b',
        'Mayor Ana Delgado delivered remarks about the harbor budget on Monday. Officials expect a vote in the spring.',
      ),
      mk(
        'c',
        'Councillors will debate the spending next week, according to the agenda. Tickets for ferries rose again.',
      ),
    ]);
    const defiant = terms(r, 'a').find((t) => t.term === 'defiant');
    // An adjective has no counterpart among the other outlet's nouns: no "defiant where B wrote remarks".
    expect(defiant?.substitutions).toEqual([]);
    expect(defiant?.signals).toEqual(['evaluative', 'rare', 'substitution']);
    const remarks = terms(r, 'b').find((t) => t.term === 'remarks');
    expect(remarks?.substitutions?.map((s) => [s.word, s.otherWord])).toEqual([['remarks', 'statement']]);
  });

  it("never counts names, numbers, dates, months or quoted words as the outlet's word choice", () => {
    const r = analyzeStory([
      mk(
        'a',
        'Zbigniew Quorlak said on 14 May that 3,400 workers would strike in Tarnowitz. "This is a grotesque betrayal," ' +
          'a union steward said. The strike starts on Thursday, and hundreds of welders may join.',
      ),
      mk(
        'b',
        'Workers at the shipyard plan a walkout next month over pay. Managers have offered a small raise.',
      ),
    ]);
    const words = terms(r, 'a').map((t) => t.term.toLowerCase());
    for (const w of [
      'zbigniew',
      'quorlak',
      'tarnowitz',
      'may',
      '14',
      '3,400',
      'thursday',
      'grotesque',
      'betrayal',
      'hundreds',
    ])
      expect(words).not.toContain(w);
    expect(words).toContain('welders');
    // Amounts in words are facts too, even when nothing else sets the outlet apart.
    const amounts = analyzeStory([
      mk('a', 'The union said hundreds of members and thousands of retirees would march to the port.'),
      mk('b', 'The union said members and retirees would march to the port on a sunny day.'),
    ]);
    expect(terms(amounts, 'a')).toEqual([]);
  });

  it('ranks a rare loaded word above a plain one the other outlets also lack', () => {
    const r = analyzeStory([
      mk(
        'a',
        'The minister gave a bombastic speech in the old hall. He spoke about roads and schools for an hour.',
      ),
      mk('b', 'The minister spoke about roads at a meeting. Teachers listened to the plan.'),
    ]);
    const list = terms(r, 'a');
    expect(list[0]).toMatchObject({ term: 'bombastic', count: 1, otherCount: 0 });
    expect(list[0]?.signals).toContain('rare');
    // Plain words the other outlet happens not to use rank below it, if they are kept at all.
    for (const t of list.slice(1)) expect(t.score ?? 0).toBeLessThan(list[0]?.score ?? 0);
  });

  it('leaves a single source without terms (nothing to compare against)', () => {
    const r = analyzeStory([
      mk('a', 'The council approved a scandalous budget on Monday after a bitter debate.'),
    ]);
    expect(terms(r, 'a')).toEqual([]);
  });

  it('does not read the month in "14 May" as the hedge "may"', () => {
    const r = analyzeStory([
      mk('a', 'The vote was held on 14 May. Prices may rise in May 2026, officials said.'),
      mk('b', 'The harbor vote passed and the budget grows.'),
    ]);
    const hedges =
      r.articles.find((a) => a.id === 'a')?.lexicon.filter((h) => h.category === 'hedging') ?? [];
    expect(hedges.map((h) => h.text)).toEqual(['may']);
  });
});
