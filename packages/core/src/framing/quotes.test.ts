import { describe, expect, it } from 'vitest';
import { splitSentences } from '../text/sentences.ts';
import { extractQuotes, findQuoteSpans } from './quotes.ts';

const quotes = (text: string) =>
  extractQuotes(text, splitSentences(text)).map((q) => ({
    kind: q.kind,
    speaker: q.speaker?.text ?? null,
    type: q.speaker?.type ?? null,
    quote: text.slice(q.quoteStart, q.quoteEnd),
  }));

describe('findQuoteSpans', () => {
  it('finds curly, straight and single curly quotes but not apostrophes', () => {
    const t = 'He said “yes” and "no" and ‘maybe’ while Delgado’s aide’s note stayed.';
    expect(findQuoteSpans(t).map((s) => t.slice(s.innerStart, s.innerEnd))).toEqual(['yes', 'no', 'maybe']);
  });
  it('lets an unclosed curly quote run to the end of the paragraph', () => {
    const t = '“We will build it, and then\n\nNext paragraph.';
    expect(findQuoteSpans(t).map((s) => t.slice(s.innerStart, s.innerEnd))).toEqual([
      'We will build it, and then',
    ]);
  });
});

describe('extractQuotes', () => {
  it('reads past a party tag, a description before a name, and the body a person speaks for', () => {
    const speaker = (t: string) => quotes(t)[0]?.speaker;
    expect(speaker('“We will appeal,” Senate Majority Leader Ana Vale, R-Ky., said Tuesday.')).toBe(
      'Senate Majority Leader Ana Vale',
    );
    expect(
      speaker('Democratic presidential nominee Ana Vale chimed in on Twitter, saying the ferry was late.'),
    ).toBe('Ana Vale');
    expect(speaker('The Committee for a Safer Harbor reported that the ferry was late.')).toBe(
      'Committee for a Safer Harbor',
    );
    expect(speaker('“It was the least bad outcome,” Mr. Lund of the Harbor Club said.')).toBe('Mr. Lund');
    expect(speaker('“We will appeal,” Chairman Ana Vale (D-Utah) said.')).toBe('Chairman Ana Vale');
  });
  it('attributes quotes before and after the verb, with titles and inversion', () => {
    expect(quotes('“We are ready,” harbor spokesman Ivo Petrov told reporters on Friday.')).toEqual([
      { kind: 'direct', speaker: 'Ivo Petrov', type: 'name', quote: 'We are ready,' },
    ]);
    expect(quotes('"It is late," said Mayor Ana Delgado.')[0]).toMatchObject({
      speaker: 'Mayor Ana Delgado',
      type: 'name',
    });
    expect(quotes('Ms. Delgado on Thursday called the plan “reckless.”')[0]).toMatchObject({
      speaker: 'Ms. Delgado',
      quote: 'reckless.',
    });
  });

  it('continues the speaker into a following quote-only sentence, and uses pronouns', () => {
    const t =
      '“We start in spring,” Mr. Petrov said. “Only the weather can stop us.”\n\nHe added that crews were ready.';
    expect(quotes(t)).toEqual([
      { kind: 'direct', speaker: 'Mr. Petrov', type: 'name', quote: 'We start in spring,' },
      { kind: 'direct', speaker: 'Mr. Petrov', type: 'name', quote: 'Only the weather can stop us.' },
      { kind: 'indirect', speaker: 'He', type: 'pronoun', quote: 'He added that crews were ready.' },
    ]);
  });

  it('finds indirect attribution: "X said that", "according to X", a closing ", the soldier added."', () => {
    expect(quotes('The bridge will open in May, according to city engineer Ivo Petrov.')[0]).toMatchObject({
      kind: 'indirect',
      speaker: 'city engineer Ivo Petrov',
    });
    expect(quotes('It was not as bad as the mayor described, the soldier added.')[0]).toMatchObject({
      speaker: 'the soldier',
      type: 'nominal',
    });
    expect(quotes('State treasurer Lina Okoro said the funding was under review.')[0]).toMatchObject({
      kind: 'indirect',
      speaker: 'Lina Okoro',
    });
    // A closing "according to" after the speaker's own verb names the channel, not the speaker.
    expect(
      quotes('But Okoro later said that the ferry would run in May, according to state media.')[0],
    ).toMatchObject({ kind: 'indirect', speaker: 'Okoro' });
  });

  it('ignores unattributed quotes and sentences without a speech verb', () => {
    expect(quotes('The so-called “quiet zone” was empty. Residents packed the hall.')).toEqual([]);
    expect(quotes('The United States had talks.')).toEqual([]);
  });
});

describe('extractQuotes participles', () => {
  it('gives a participle the speaker of the clause before it, else the sentence subject', () => {
    const t = 'Vale is misreading the vote, she stated, adding that Vale was "playing for time."';
    expect(quotes(t).find((q) => q.kind === 'direct')).toMatchObject({
      speaker: 'she',
      type: 'pronoun',
      quote: 'playing for time.',
    });
    const u =
      'A harbor pilot, who was reached by phone, spoke briefly, saying, “Nobody trusts the schedule.”';
    expect(quotes(u)[0]).toMatchObject({ speaker: 'A harbor pilot', type: 'nominal' });
  });
});

describe('extractQuotes appositives', () => {
  it('takes the name before an appositive as the speaker', () => {
    const t = '“Air raids are rising,” Ana Vale, the head of the port authority, said on Facebook.';
    expect(quotes(t)[0]).toMatchObject({ speaker: 'Ana Vale', type: 'name', quote: 'Air raids are rising,' });
  });
});

describe('extractQuotes quotation styles', () => {
  it("reads ''…'' as a quote", () => {
    expect(quotes("Paying the fee ''is a mistake,'' Ivo Petrov said.")).toEqual([
      { kind: 'direct', speaker: 'Ivo Petrov', type: 'name', quote: 'is a mistake,' },
    ]);
  });

  it('keeps a multi-sentence quote whole, with no indirect copy of its second sentence', () => {
    const t = '"The dam is safe. We checked it twice," said engineer Lina Okoro.';
    expect(quotes(t)).toEqual([
      {
        kind: 'direct',
        speaker: 'engineer Lina Okoro',
        type: 'name',
        quote: 'The dam is safe. We checked it twice,',
      },
    ]);
  });

  it('gives a quote inside a subordinate clause to that clause, not to the main verb', () => {
    const text =
      'Mayor Ana Vale on Friday insisted that the harbor close, hours after Governor Ivo Brek said the ' +
      'state had “very good and productive” talks with her.';
    expect(quotes(text)).toEqual([
      { kind: 'direct', speaker: 'Governor Ivo Brek', type: 'name', quote: 'very good and productive' },
    ]);
    // Without a quote the sentence reports what the main clause's speaker said.
    expect(
      quotes('Mayor Ana Vale insisted the harbor close, hours after Governor Ivo Brek said so.'),
    ).toMatchObject([{ kind: 'indirect', speaker: 'Mayor Ana Vale' }]);
  });

  it('attributes a quote introduced by a colon to the clause subject', () => {
    expect(quotes('Mayor Ana Delgado made one thing clear: “We will not close the harbor.”')).toEqual([
      { kind: 'direct', speaker: 'Mayor Ana Delgado', type: 'name', quote: 'We will not close the harbor.' },
    ]);
  });

  it('reads a closing ", says psychologist X" and a place and role before the name', () => {
    expect(quotes('Most people sleep less in winter, says psychologist Ana Brek.')[0]).toMatchObject({
      kind: 'indirect',
      speaker: 'psychologist Ana Brek',
    });
    expect(quotes('"We start Monday," said Kestrel Union leader Mira Falk.')[0]).toMatchObject({
      kind: 'direct',
      speaker: 'Kestrel Union leader Mira Falk',
    });
    expect(
      quotes('"Our nets are empty," said Jonas Eide of the Vardo Fishers Association.')[0],
    ).toMatchObject({ speaker: 'Jonas Eide' });
  });

  it('takes the name after a closing dash (vox pops) and transcript labels', () => {
    const t = '“The ferry is always late.” ― Tomas Ring\n“I drive now.” ― Lise Moen';
    expect(quotes(t).map((q) => q.speaker)).toEqual(['Tomas Ring', 'Lise Moen']);
    const u = 'HOLM: We will not sell the farm to anyone.\n"VIK: Then the bank will take it.';
    expect(quotes(u)).toEqual([
      { kind: 'direct', speaker: 'Holm', type: 'name', quote: 'We will not sell the farm to anyone.' },
      { kind: 'direct', speaker: 'Vik', type: 'name', quote: 'Then the bank will take it.' },
    ]);
  });

  it('reads "X is saying" and "X now says" as reports', () => {
    expect(quotes('The Harbor Board is saying that the quay is safe.')[0]).toMatchObject({
      kind: 'indirect',
      speaker: 'Harbor Board',
    });
    expect(quotes('Ivo Lund now says he opposes the deal.')[0]).toMatchObject({ speaker: 'Ivo Lund' });
  });

  it('credits a joint statement to the first named, and reads a name given as the appositive', () => {
    expect(quotes('Mr. Vale and Ms. Lund said the quay was unsafe.')[0]).toMatchObject({
      speaker: 'Mr. Vale',
    });
    expect(quotes('The port’s chief pilot, Ana Brek, said the quay was unsafe.')[0]).toMatchObject({
      speaker: 'Ana Brek',
    });
    expect(
      quotes('Ivo Lund -- a pilot who has worked the harbor since 1990 -- said the quay was unsafe.')[0],
    ).toMatchObject({ speaker: 'Ivo Lund' });
  });

  it('never makes "It" or "During" a speaker, nor the institution after "of"', () => {
    expect(quotes('It said nothing about the quay.')).toEqual([]);
    expect(
      quotes('“The tide is early,” said Dr. Ana Brek of Kestrel University’s Center for Tides.')[0],
    ).toMatchObject({
      speaker: 'Dr. Ana Brek',
    });
  });

  it('skips a report in a subordinate clause and reads "X notes that"', () => {
    expect(quotes('Back when he wrote his book, Ivo Lund said that debt was a last resort.')).toEqual([
      {
        kind: 'indirect',
        speaker: 'Ivo Lund',
        type: 'name',
        quote: 'Back when he wrote his book, Ivo Lund said that debt was a last resort.',
      },
    ]);
    expect(quotes('Ms. Brek notes that rates are low.')[0]).toMatchObject({ speaker: 'Ms. Brek' });
    expect(quotes('The weather office issued its highest heat warning for the coast.')).toEqual([]);
    expect(quotes('Ivo Lund is warning that the quay will flood.')[0]).toMatchObject({ speaker: 'Ivo Lund' });
  });

  it('does not read a dateline as a speaker with an appositive', () => {
    const t = 'SALTMERE -- Mayor Ana Vale, opening the new quay on Friday, said it would change the town.';
    expect(quotes(t)[0]).toMatchObject({ speaker: 'Mayor Ana Vale' });
  });

  it('reads a title-case headline verb', () => {
    expect(quotes('Vale Says Harbor Will Reopen in May')[0]).toMatchObject({
      kind: 'indirect',
      speaker: 'Vale',
    });
  });

  it('finds the name before an appositive holding commas, and past a party tag', () => {
    const t = '“Prices will rise,” Ana Brek, 54, an economist at the Coast Bank, said.';
    expect(quotes(t)[0]).toMatchObject({ speaker: 'Ana Brek' });
    expect(quotes('“We lost,” Rep. Ana Brek (D-Ore.), the whip of her party, said.')[0]).toMatchObject({
      speaker: 'Rep. Ana Brek',
    });
    expect(quotes('Rep. Ana Brek (D-Ore.) said the vote was rigged.')[0]).toMatchObject({
      kind: 'indirect',
      speaker: 'Rep. Ana Brek',
    });
  });

  it('keeps a speech-like quote with no speaker as unattributed, and drops scare quotes', () => {
    const t = 'The report ended there. “Nobody will ever know what happened that night.”';
    expect(quotes(t)).toEqual([
      { kind: 'direct', speaker: null, type: null, quote: 'Nobody will ever know what happened that night.' },
    ]);
  });

  it('carries a quote left open at a paragraph end into the next paragraph', () => {
    const t =
      'Ana Vale said: “The port is ours. We built it.\n\n“Nobody can take it from us.”\n\n“And that is all.”';
    expect(quotes(t).map((q) => q.speaker)).toEqual(['Ana Vale', 'Ana Vale', null]);
  });

  it('takes the speaker of a colon that ends the paragraph before the quote', () => {
    const t = 'The Harbor Gazette reports:\n\n“Only a quarter of the pilots signed the new contract.”';
    expect(quotes(t).map((q) => q.speaker)).toEqual(['Harbor Gazette']);
  });

  it('does not carry a speaker into the next paragraph', () => {
    const t = '“We start in spring,” Mr. Petrov said.\n\n“Only the weather can stop us.”';
    expect(quotes(t).map((q) => q.speaker)).toEqual(['Mr. Petrov', null]);
  });

  it('does not read a relative clause ("whom he described") as a report', () => {
    const t = 'Ms. Okoro praised the crews, whom he described as “tired but proud.”';
    // Nothing here reports speech: the quote stays unattributed instead of going to "he".
    expect(quotes(t).map((q) => q.speaker)).toEqual([null]);
  });
  it('keeps a short quote inside a quote, and reads a quote between dashes after a name', () => {
    const t = '“I would rather sail in what he calls “hell” than stay ashore.” ― Ana Brek';
    expect(quotes(t)).toEqual([
      {
        kind: 'direct',
        speaker: 'Ana Brek',
        type: 'name',
        quote: 'I would rather sail in what he calls “hell” than stay ashore.',
      },
    ]);
    const d =
      "Pilots agree, including the harbor master Ivo Lund -- ''No ship leaves in this fog'' -- and his deputy.";
    expect(quotes(d).map((q) => q.speaker)).toEqual(['Ivo Lund']);
    // A quote only opened by a dash is not the named person's.
    const o = 'Ms. Okoro said the crew had changed its view of Mr. Lund -- “a different captain to me.”';
    expect(quotes(o).map((q) => q.speaker)).toEqual(['Ms. Okoro']);
  });

  it('reads a report in a subordinate clause when the main clause reports nothing', () => {
    expect(quotes('The crews met on Friday, shortly after Ana Brek said the quay was safe again.')).toEqual([
      {
        kind: 'indirect',
        speaker: 'Ana Brek',
        type: 'name',
        quote: 'The crews met on Friday, shortly after Ana Brek said the quay was safe again.',
      },
    ]);
  });

  it('finds the subject of a second verb, "went on to say" and "quoted as saying"', () => {
    expect(quotes('Mr. Lund backed the pilots in 2015, and said he would not sign.')[0]).toMatchObject({
      speaker: 'Mr. Lund',
    });
    expect(
      quotes(
        'Mayor Ana Brek of Tarvik gave no sign of leaving, but acknowledged that the port was “in trouble.”',
      )[0],
    ).toMatchObject({ speaker: 'Mayor Ana Brek' });
    expect(quotes('Ana Brek went on to say the tide tables were wrong.')[0]).toMatchObject({
      speaker: 'Ana Brek',
    });
    expect(quotes('Ana Brek was quoted as saying the tide tables were wrong.')[0]).toMatchObject({
      speaker: 'Ana Brek',
    });
    expect(
      quotes('Ana Brek, for her part, has repeatedly said that the tables were wrong.')[0],
    ).toMatchObject({
      speaker: 'Ana Brek',
    });
  });

  it('takes the subject of a colon intro past an opening adverbial, and skips "Rival"', () => {
    const t = 'On July 6, 2015, Ivo Lund made the following comment:\n\n“The quay will not last the winter.”';
    expect(quotes(t).map((q) => q.speaker)).toEqual(['Ivo Lund']);
    const r =
      'Rival Ana Brek mocked the complaint, saying anyone who blames the tide “is not a good sailor.”';
    expect(quotes(r).map((q) => q.speaker)).toEqual(['Ana Brek']);
  });

  it('names organisations by their head noun and the body behind a document', () => {
    expect(quotes('The Commission on Harbor Safety says the quay is sound.')[0]).toMatchObject({
      speaker: 'Commission on Harbor Safety',
    });
    expect(quotes('The Centers for Tide Control and Prevention said the quay was sound.')[0]).toMatchObject({
      speaker: 'Centers for Tide Control and Prevention',
    });
    expect(quotes('The quay is sound, the HSB report stated.')[0]).toMatchObject({ speaker: 'HSB' });
    expect(quotes('The quay is sound, according to a statement from Ana Brek.')[0]).toMatchObject({
      speaker: 'Ana Brek',
    });
  });

  it('gives a lone first name in a joint subject the shared surname', () => {
    expect(quotes('Ivo and Mila Lund said the ferry would run.')[0]).toMatchObject({ speaker: 'Ivo Lund' });
    expect(quotes('HFN and its defenders say the ferry is safe.')[0]).toMatchObject({ speaker: 'HFN' });
    // "Brek" is a surname of its own elsewhere: the first named keeps it.
    expect(quotes('Brek spoke first. Brek and Ivo Lund said the ferry would run.')[0]).toMatchObject({
      speaker: 'Brek',
    });
  });

  it('does not read a noun after a possessive, or a headline label, as a report', () => {
    expect(quotes('The mayor answered with Friday’s tweets about the ferry.')).toEqual([]);
    expect(quotes('A judge may stall because of Lund’s Fifth Amendment claims, lawyers said.')).toEqual([
      {
        kind: 'indirect',
        speaker: 'lawyers',
        type: 'nominal',
        quote: 'A judge may stall because of Lund’s Fifth Amendment claims, lawyers said.',
      },
    ]);
    expect(
      quotes('The Latest: Ferry service resumes on the north quay.\n\nThe Latest on the ferries.'),
    ).toEqual([]);
  });

  it('reads "did not respond" as no statement', () => {
    expect(quotes('Ana Brek did not immediately respond to requests for comment.')).toEqual([]);
  });
  it('keeps a subordinate report before a quoted main clause apart from the quote', () => {
    const t = 'After Ana Brek said the ferry was late, Ivo Lund replied, “It is on time.”';
    expect(quotes(t)).toEqual([
      {
        kind: 'indirect',
        speaker: 'Ana Brek',
        type: 'name',
        quote: 'After Ana Brek said the ferry was late,',
      },
      { kind: 'direct', speaker: 'Ivo Lund', type: 'name', quote: 'It is on time.' },
    ]);
  });
  it('makes the report around a quote its own attribution, and no participle its own subject', () => {
    const t =
      'Ivo Lund said at the quay that Ana Brek once called the ferry “the best in the north” in a letter.';
    expect(quotes(t).map((q) => [q.kind, q.speaker])).toEqual([
      ['indirect', 'Ivo Lund'],
      ['direct', 'Ana Brek'],
    ]);
    const p =
      'Claiming the tide tables are wrong, Ana Brek told the Gazette that “the ferry runs late every day.”';
    expect(quotes(p).map((q) => [q.kind, q.speaker])).toEqual([['direct', 'Ana Brek']]);
  });
  it('reads the agent of a passive report and "<Name> report that"', () => {
    expect(quotes('The ferry delay was first reported by The Harbor Gazette.')[0]).toMatchObject({
      speaker: 'The Harbor Gazette',
    });
    expect(quotes('The ad cites a Harbor Gazette report that the ferry lost money.')[0]).toMatchObject({
      speaker: 'Harbor Gazette',
    });
    expect(quotes('Ana Brek asked whether the ferry would run.')[0]).toMatchObject({ speaker: 'Ana Brek' });
  });
  it('reads an embedded tweet signed with a name and handle', () => {
    const t = 'The ferry is late again. Fix it now. — Ana Brek (@anabrek) May 2, 2024\nThe port replied.';
    expect(quotes(t)).toEqual([
      { kind: 'direct', speaker: 'Ana Brek', type: 'name', quote: 'The ferry is late again. Fix it now.' },
    ]);
  });
  it('reads "Said Vale:" and gives a question its reporting clause only once', () => {
    expect(quotes('Said Ana Brek: “The ferry will run on time this year.”').map((q) => q.speaker)).toEqual([
      'Ana Brek',
    ]);
    expect(
      quotes('“Is the ferry late?” Brek asked. “Of course it is.”').map((q) => [q.kind, q.speaker]),
    ).toEqual([
      ['direct', 'Brek'],
      ['direct', 'Brek'],
    ]);
    // "Mr." does not end the reporting clause after a quote.
    expect(quotes('“We are ready.” Mr. Lund said.').map((q) => q.speaker)).toEqual(['Mr. Lund']);
  });
  it('reads "as X put it" as the quote\'s attribution', () => {
    const t =
      "As Ana Brek, a pilot at the Harbor Center, recently put it, ''Why does the ferry wait for the tide?''";
    expect(quotes(t).map((q) => q.speaker)).toEqual(['Ana Brek']);
  });
  it('makes a spokeswoman for someone, or officials at a body, the speaker', () => {
    expect(quotes('A spokeswoman for Ana Brek said the ferry was safe.')[0]).toMatchObject({
      speaker: 'A spokeswoman for Ana Brek',
      type: 'nominal',
    });
    const t =
      'Officials at Harbor Safety Investigations, a branch of the port office, said the ferry was safe.';
    expect(quotes(t)[0]).toMatchObject({
      speaker: 'Officials at Harbor Safety Investigations',
      type: 'nominal',
    });
    const late =
      '“The ferry is safe,” the harbor staff in a statement shortly after Friday called such reports “invented.”';
    expect(quotes(late)[0]).toMatchObject({ speaker: 'the harbor staff', type: 'nominal' });
    const both =
      'After the vote, officials from both the Port Board and Tarvik Council said they were “relieved.”';
    expect(quotes(both)[0]).toMatchObject({
      speaker: 'officials from both the Port Board and Tarvik Council',
      type: 'nominal',
    });
  });
  it('reads a name given after a description, and no place as part of a name after the verb', () => {
    expect(quotes('“The ferry is late,” said the former harbor master, Ivo Lund.')[0]).toMatchObject({
      speaker: 'Ivo Lund',
    });
    expect(quotes('“The ferry is late,” wrote Ana Brek in the Gazette.')[0]).toMatchObject({
      speaker: 'Ana Brek',
    });
  });
  it('splits a sentence holding two reports by two people into two attributions', () => {
    expect(quotes('Ana Brek said the quay was safe, but Ivo Lund said it was not.')).toEqual([
      { kind: 'indirect', speaker: 'Ana Brek', type: 'name', quote: 'Ana Brek said the quay was safe' },
      { kind: 'indirect', speaker: 'Ivo Lund', type: 'name', quote: 'Ivo Lund said it was not.' },
    ]);
  });
});
