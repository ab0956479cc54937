import { describe, expect, it } from 'vitest';
import type { ArticleInput } from '../article.ts';
import { analyzeStory } from './analyze.ts';
import type { Claim, StoryAnalysis } from './schema.ts';

const art = (id: string, hour: number, ...sentences: string[]): ArticleInput => ({
  id,
  title: '',
  outlet: `Outlet ${id}`,
  publishedAt: `2031-05-02T${String(hour).padStart(2, '0')}:00:00Z`,
  text: sentences.join(' '),
});

const holding = (r: StoryAnalysis, pattern: RegExp): Claim[] =>
  r.claims.filter((c) => c.evidence.some((e) => pattern.test(e.text)));

describe('claims', () => {
  const library = [
    art(
      'a',
      6,
      'Readers in Dunmore lined up outside the old brick building on a rainy morning.',
      'The county board voted on Monday to close the Elm Street library at the end of June.',
      'Librarians said the branch lends forty thousand books a year to local families.',
    ),
    art(
      'b',
      7,
      'A crowded meeting ran late into the evening at the Dunmore courthouse.',
      'Closing the Elm Street library in June was approved by the county board on Monday.',
      'The board chair said the budget left no other choice this year.',
    ),
    art(
      'c',
      8,
      'Parents and pupils carried hand-painted signs through the Dunmore square.',
      'On Monday the county board decided the Elm Street library will close in June.',
      'A petition against the plan gathered two thousand names in a week.',
    ),
  ];

  it('makes one claim of one fact told in other words by three outlets, whatever the input order', () => {
    for (const input of [library, [...library].reverse()]) {
      const r = analyzeStory(input);
      const claims = holding(r, /Elm Street library/);
      expect(claims).toHaveLength(1);
      expect([...(claims[0]?.articleIds ?? [])].sort()).toEqual(['a', 'b', 'c']);
      expect(claims[0]?.status).toBe('consensus');
      // The claim's text is the first outlet's sentence, verbatim.
      expect(claims[0]?.text).toBe(
        'The county board voted on Monday to close the Elm Street library at the end of June.',
      );
    }
  });

  it('links two ledes that share only a name, but not two later sentences that share as little', () => {
    const r = analyzeStory([
      art(
        'a',
        6,
        'Flooding forced hundreds of families in Marlow to leave their homes overnight.',
        'The primary school will stay shut until Friday at the earliest.',
      ),
      art(
        'b',
        7,
        'Marlow residents fled the rising river as it burst its banks before dawn.',
        'Councillors plan an emergency meeting on Friday evening.',
      ),
    ]);
    const ledes = holding(r, /Flooding forced|fled the rising/);
    expect(ledes).toHaveLength(1);
    expect([...(ledes[0]?.articleIds ?? [])].sort()).toEqual(['a', 'b']);
    const later = holding(r, /school will stay shut|emergency meeting/);
    expect(later.map((c) => c.articleIds)).toEqual([['a'], ['b']]);
  });

  it("never extends a claim to another article's lede for being a lede: two ledes of different facts stay apart", () => {
    const r = analyzeStory([
      art(
        'a',
        6,
        'Mayor Ana Vale said on Tuesday that Lisk will build a new ferry pier next spring.',
        'Tickets will cost the same as last year.',
      ),
      art(
        'b',
        7,
        'Lisk fishermen blocked the harbour on Tuesday in protest at new quotas.',
        'The coastguard said no boat was damaged.',
      ),
      art(
        'c',
        8,
        'Harbour master Tom Reyes said Lisk fishermen blocked the harbour on Tuesday over the quotas.',
        'The first boats ran again at noon.',
      ),
    ]);
    expect(holding(r, /ferry pier/).map((c) => c.articleIds)).toEqual([['a']]);
    expect(holding(r, /blocked the harbour/).map((c) => [...c.articleIds].sort())).toEqual([['b', 'c']]);
  });

  it('lists an article once even when two of its sentences carry the claim', () => {
    const r = analyzeStory([
      art(
        'a',
        6,
        'The council approved the harbour bridge on Tuesday by seven votes to two.',
        'Work on the crossing begins next spring.',
        'On Tuesday the council approved the harbour bridge, seven votes to two.',
      ),
      art(
        'b',
        7,
        'Gulls wheeled over the quay as the fishing fleet came in.',
        'The harbour bridge was approved by the council on Tuesday, seven votes to two.',
      ),
    ]);
    const claims = holding(r, /seven votes to two/);
    expect(claims).toHaveLength(1);
    expect(claims[0]?.articleIds).toEqual(['a', 'b']);
    expect(claims[0]?.evidence.map((e) => e.articleId)).toEqual(['a', 'a', 'b']);
  });

  it('marks as omitting only an article none of whose sentences reports the fact', () => {
    const r = analyzeStory([
      art(
        'a',
        6,
        'Rangers counted forty wolves in the northern range this spring.',
        'The agency will allow hunters to cull up to 12 wolves this winter.',
      ),
      art(
        'b',
        7,
        'Ranchers have lost dozens of calves since the autumn.',
        'Up to 12 wolves may be culled by hunters under the agency permit this winter.',
      ),
      art(
        'c',
        8,
        'The state wildlife office met cattle groups last week.',
        'Hunters will be allowed to cull up to 12 wolves this winter, the agency said.',
      ),
      // Tells the cull in other words, in its lede: it carries the fact.
      art(
        'd',
        9,
        'Up to 12 grey wolves can be shot this winter under a permit, to the dismay of valley guides.',
        'Tourism in the valley depends on visitors who come to watch the packs.',
      ),
      // Says nothing of the cull.
      art(
        'e',
        10,
        'Snow closed the mountain pass for three days in January.',
        'Tourism in the valley fell by a third as the roads stayed shut.',
      ),
    ]);
    const cull = holding(r, /cull up to 12 wolves/);
    expect(cull).toHaveLength(1);
    expect(cull[0]?.status).toBe('consensus');
    expect(cull[0]?.omittedBy).toEqual(['e']);
  });

  it('never marks as omitting an article that has no sentence to compare', () => {
    const cull = (id: string, hour: number, lede: string): ArticleInput =>
      art(id, hour, lede, 'Rangers counted forty wolves in the northern range this spring.');
    const r = analyzeStory([
      cull('a', 6, 'The agency will allow hunters to cull up to 12 wolves this winter.'),
      cull('b', 7, 'Up to 12 wolves may be culled by hunters under the agency permit this winter.'),
      cull('c', 8, 'Hunters will be allowed to cull up to 12 wolves this winter, the agency said.'),
      // Cut off mid-line: no prose sentence, so nothing to judge it by.
      art('d', 9, 'Early Tuesday, the wildlife agency in the valley,'),
    ]);
    const claims = holding(r, /cull up to 12 wolves/);
    expect(claims).toHaveLength(1);
    expect(claims[0]?.status).toBe('consensus');
    expect(claims[0]?.omittedBy).toEqual([]);
  });

  it('lets a sentence that states two facts carry both claims', () => {
    const r = analyzeStory([
      art(
        'a',
        6,
        'Mayor Lena Ortiz resigned on Friday after the audit of the harbour fund.',
        'The city will hold a special election in March to replace her.',
      ),
      art(
        'b',
        7,
        'Lena Ortiz resigned as mayor on Friday, days after the harbour fund audit.',
        'A special election to replace her is set for March, the city said.',
      ),
      art(
        'c',
        8,
        'Ortiz resigned as mayor on Friday, and the city will hold a special election in March.',
        'Her deputy runs the council until then.',
      ),
    ]);
    const resigned = holding(r, /^(Mayor Lena Ortiz resigned|Lena Ortiz resigned)/);
    const election = holding(r, /^(The city will hold|A special election)/);
    expect(resigned).toHaveLength(1);
    expect(election).toHaveLength(1);
    expect([...(resigned[0]?.articleIds ?? [])].sort()).toEqual(['a', 'b', 'c']);
    expect([...(election[0]?.articleIds ?? [])].sort()).toEqual(['a', 'b', 'c']);
  });

  it('joins one fact attributed to police in one outlet and officials in another, not two named people', () => {
    const story = (speakerA: string, speakerB: string): StoryAnalysis =>
      analyzeStory([
        art(
          'a',
          6,
          `A gunman shot two guards at the Quillby depot on Sunday night, ${speakerA} said.`,
          'The depot stores grain for the northern farms.',
        ),
        art(
          'b',
          7,
          `Two guards were shot at the Quillby depot late on Sunday, ${speakerB} said.`,
          'Farmers worry about the harvest this year.',
        ),
      ]);
    const generic = holding(story('police', 'officials'), /Quillby depot/);
    expect(generic).toHaveLength(1);
    expect(generic[0]?.articleIds).toEqual(['a', 'b']);
    // Two named speakers telling it are two claims: either may be wrong.
    const named = holding(story('Mara Feld', 'Tomas Reyes'), /Quillby depot/);
    expect(named).toHaveLength(2);
  });

  it("extends a claim to another article's single best sentence when the pair model allows", () => {
    const story = [
      art(
        'a',
        6,
        'The Rellin ferry ran aground on a sandbank near Osk harbour on Sunday.',
        'Tickets for the summer season go on sale in May.',
      ),
      art(
        'b',
        7,
        'A ferry from Rellin ran aground near Osk harbour on Sunday morning.',
        'The operator owns four boats on the northern route.',
      ),
      art(
        'c',
        8,
        'Fishing quotas for the northern waters were cut again this year.',
        'Passengers spent hours stuck on the vessel off Osk after it hit a sandbank.',
        'The coastguard plans a review of the channel markers.',
      ),
    ];
    const ferry = (r: StoryAnalysis): Claim | undefined => holding(r, /ran aground/)[0];
    expect(ferry(analyzeStory(story, { claims: { attachProb: 2 } }))?.articleIds).toEqual(['a', 'b']);
    // At probability 0 any article gets its best sentence: c's one about the ferry, not the markers.
    const extended = ferry(analyzeStory(story, { claims: { attachProb: 0 } }));
    expect(extended?.articleIds).toEqual(['a', 'b', 'c']);
    expect(extended?.evidence.filter((e) => e.articleId === 'c').map((e) => e.text)).toEqual([
      'Passengers spent hours stuck on the vessel off Osk after it hit a sandbank.',
    ]);
  });
});

describe('claims: one fact, one row', () => {
  it('joins a wire lede copied into outlets’ bodies with those outlets’ own ledes of the same fact', () => {
    const wire =
      'The Old Mill Bridge in Tarrow was closed on Monday after inspectors found cracks in two steel supports.';
    const r = analyzeStory([
      art('w', 6, wire, 'Repairs to the bridge could take up to six months, engineers said.'),
      art(
        'x',
        7,
        'Drivers in Tarrow face months of detours after the Old Mill Bridge was shut when inspectors found cracked supports.',
        'Shop owners on the east bank fear a quiet spring.',
        wire,
      ),
      art(
        'y',
        8,
        'Tarrow’s Old Mill Bridge was shut on Monday, years after inspectors first asked for repairs to its supports.',
        'The council had postponed the work twice.',
        wire,
      ),
    ]);
    const key = (e: { articleId: string; start: number }) => `${e.articleId}:${e.start}`;
    const seen = new Map<string, string>();
    for (const c of r.claims)
      for (const e of c.evidence) {
        expect(seen.get(key(e)), `${key(e)} in ${seen.get(key(e))} and ${c.id}`).toBeUndefined();
        seen.set(key(e), c.id);
      }
    const bridge = holding(r, /Old Mill Bridge/);
    expect(bridge).toHaveLength(1);
    expect(bridge[0]?.evidence.filter((e) => e.articleId === 'x')).toHaveLength(2);
  });

  it('words each claim in its own sentences, so no two rows read alike', () => {
    // Two outlets' ledes add their own angle (jobs, fish) to the wire's fact, which both also
    // print; the ledes still pair, and borrow the wire sentence they share.
    const wire = 'The shipping firm Corvane will invest 900 million crowns in a new terminal at the port of Elby, the company said on Monday.';
    const r = analyzeStory([
      art('w', 6, wire, 'The regional government will pay for new road links.'),
      art('v', 7, wire, 'The regional government will pay for new road links.'),
      art('x', 8, 'Corvane’s decision to build a 900 million crown terminal in Elby will bring 600 jobs to the town.', wire),
      art('y', 9, 'Elby’s fishermen say the 900 million crown terminal announced by Corvane on Monday could ruin the bay.', wire),
    ]);
    const texts = r.claims.map((c) => c.text);
    expect(texts).toHaveLength(new Set(texts).size);
  });
});
