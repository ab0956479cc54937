import { describe, expect, it } from 'vitest';
import { analyzeStory } from './analyze.ts';

const analyse = (text: string) =>
  analyzeStory([{ id: 'v', title: 'Harbor vote', outlet: 'Gazette', text }]).articles[0];
const speakers = (text: string) =>
  (analyse(text)?.voices ?? []).flatMap((v) => v.evidence.map((e) => [v.speaker, e.quote] as const));

describe('voices speaker resolution', () => {
  it('resolves a pronoun to the speaker named before it in the same paragraph', () => {
    const text = 'Mira Falk said the talks were over. She said, “We start Monday and finish in May.”';
    expect(speakers(text)).toEqual([
      ['Mira Falk', 'Mira Falk said the talks were over.'],
      ['Mira Falk', 'We start Monday and finish in May.'],
    ]);
  });

  it('carries a pronoun opening a paragraph back to the one person quoted in the paragraph before', () => {
    const text = 'Mira Falk said the talks were over.\n\nShe said, “We start Monday and finish in May.”';
    expect(speakers(text)).toEqual([
      ['Mira Falk', 'Mira Falk said the talks were over.'],
      ['Mira Falk', 'We start Monday and finish in May.'],
    ]);
  });

  it('carries "they" back to the one body quoted in the paragraph before, and not past a person', () => {
    const quote = '\n\n“The ferry is safe,” they said.';
    expect(speakers(`The Port Board denied the reports.${quote}`)).toEqual([
      ['Port Board', 'The Port Board denied the reports.'],
      ['Port Board', 'The ferry is safe,'],
    ]);
    expect(analyse(`Mira Falk denied the reports.${quote}`)?.unattributedQuotes?.map((q) => q.quote)).toEqual(
      ['The ferry is safe,'],
    );
  });

  it('leaves a paragraph-opening pronoun unattributed when the paragraph before is not one fitting person', () => {
    const unattributed = (text: string) => analyse(text)?.unattributedQuotes?.map((q) => q.quote);
    const quote = '\n\nShe said, “We start Monday and finish in May.”';
    // Two people quoted before; a man by his title; the one person named again in the pronoun's sentence.
    expect(unattributed(`Mira Falk said the talks were over. Ana Ruiz said they were not.${quote}`)).toEqual([
      'We start Monday and finish in May.',
    ]);
    expect(unattributed(`Mr. Ivo Petrov said the talks were over.${quote}`)).toEqual([
      'We start Monday and finish in May.',
    ]);
    expect(
      unattributed('Mira Falk said the talks were over.\n\nShe said Falk was wrong: “We start Monday.”'),
    ).toEqual(['We start Monday.']);
  });

  it('does not give "she" to the man quoted just before', () => {
    const a = analyse('“We will appeal,” said Mr. Ivo Petrov. “The ruling stands as it is,” she said.');
    expect(a?.voices.map((v) => v.speaker)).toEqual(['Ivo Petrov']);
    expect(a?.unattributedQuotes?.map((q) => q.quote)).toEqual(['The ruling stands as it is,']);
  });

  it('makes the person, not the place or organisation before the role, the speaker', () => {
    expect(speakers('"The bridge stays shut until spring," said Saltmere mayor Erik Dahl.')).toEqual([
      ['Erik Dahl', 'The bridge stays shut until spring,'],
    ]);
  });

  it('does not take a common word opening a sentence for a name', () => {
    const a = analyse('Sources said the quay would reopen. Two sources confirmed the date to the Gazette.');
    expect(a?.voices.map((v) => v.speaker)).toEqual(['Two sources']);
  });

  it('types an acronym or a plural of people as a group, not a person', () => {
    const a = analyse('KBN reported that the quay would reopen. Democrats said the delay was too long.');
    expect(a?.voices.map((v) => [v.speaker, v.speakerType])).toEqual([
      ['Democrats', 'group'],
      ['KBN', 'group'],
    ]);
  });

  it('names an organisation as speaker only when the text makes it speak', () => {
    const a = analyse('The Harbor Authority said the quay would reopen on Friday.');
    expect(a?.voices.map((v) => [v.speaker, v.speakerType])).toEqual([['Harbor Authority', 'group']]);
  });

  it('covers every sentence of a multi-sentence quote with its evidence span', () => {
    const text = '"The dam is safe. We checked it twice," said engineer Lina Okoro.';
    const e = analyse(text)?.voices[0]?.evidence[0];
    expect(e && text.slice(e.start, e.end)).toBe(text);
    expect(e && text.slice(e.quoteStart, e.quoteEnd)).toBe('The dam is safe. We checked it twice,');
  });

  it('resolves "the president" to the one president named, and leaves it unattributed with two', () => {
    const one =
      'President Ana Brek said the port would stay open. The president said, “We will not close it.”';
    expect(analyse(one)?.voices.map((v) => [v.speaker, v.evidence.length])).toEqual([['Ana Brek', 2]]);
    const two =
      'President Ana Brek said the port would stay open. President Ivo Lund said it would close. ' +
      'The president said, “We will not close it.”';
    expect(analyse(two)?.unattributedQuotes?.map((q) => q.quote)).toEqual(['We will not close it.']);
  });
  it('shows a speaker quoted only by surname under the full name the reporter gives', () => {
    const story = (second: string) =>
      analyzeStory([
        {
          id: 'a',
          title: 'Early vote',
          outlet: 'Gazette',
          text: 'Prime Minister Ingrid Holm called an early vote on Friday.',
        },
        { id: 'b', title: 'Early vote', outlet: 'Herald', text: second },
      ]);
    const quoted = '“Let the voters decide,” Holm told reporters.';
    expect(story(quoted).articles[1]?.voices.map((v) => v.speaker)).toEqual(['Ingrid Holm']);
    // Two people of that surname in the story: the surname alone cannot say which one spoke.
    expect(
      story(`Her brother Erik Holm runs the party office. ${quoted}`).articles[1]?.voices.map(
        (v) => v.speaker,
      ),
    ).toEqual(['Holm']);
    // A full name after the surname was already used names someone else of that name.
    const later = analyzeStory([
      {
        id: 'c',
        title: 'Early vote',
        outlet: 'Post',
        text: `President Holm and his sister Anna Holm arrived. ${quoted}`,
      },
    ]);
    expect(later.articles[0]?.voices.map((v) => v.speaker)).toEqual(['Holm']);
  });

  it('resolves a pronoun to a titled person the reporter names earlier in the paragraph', () => {
    const a = analyse('Sen. Mira Falk toured the quay. “The pilings are rotten,” she told the Gazette.');
    expect(a?.voices.map((v) => [v.speaker, v.evidence.length])).toEqual([['Mira Falk', 1]]);
    const story = analyzeStory([
      {
        id: 'v',
        title: 'Quay',
        outlet: 'Gazette',
        text: 'Sen. Mira Falk toured the quay. “The pilings are rotten,” she said.',
      },
    ]);
    expect(story.people.map((p) => p.name)).toEqual(['Mira Falk']);
    const b = analyse('Sen. Mira Falk toured the quay.\n\n“The pilings are rotten,” she told the Gazette.');
    expect(b?.voices).toEqual([]);
  });

  it('does not read a sentence end and the next pronoun as a name ("on Radio. He")', () => {
    const text =
      '“The quay is closing,” Ivo Marten, the head of the harbor board, said on Radio. He announced a ban on boats from Friday. He gave no date.';
    expect(speakers(text)).toEqual([
      ['Ivo Marten', 'The quay is closing,'],
      ['Ivo Marten', 'He announced a ban on boats from Friday.'],
    ]);
  });

  it('makes an organisation named by its head noun a group', () => {
    const a = analyse('The Commission on Harbor Safety said the quay would reopen on Friday.');
    expect(a?.voices.map((v) => [v.speaker, v.speakerType])).toEqual([
      ['Commission on Harbor Safety', 'group'],
    ]);
  });

  it('makes a person named after a role a person, and a business named after its trade a group', () => {
    const typed = (text: string) => analyse(text)?.voices.map((v) => [v.speaker, v.speakerType]);
    expect(typed('Union leader Tove Brenna said pay had fallen.')).toEqual([['Tove Brenna', 'person']]);
    expect(typed('“Rooms are closing,” said teachers’ union representative Lars Hovde.')).toEqual([
      ['Lars Hovde', 'person'],
    ]);
    expect(typed('Ferry operator Sundlink said timetables would return on Monday.')).toEqual([
      ['Sundlink', 'group'],
    ]);
    expect(typed('Vestby Rail said it would run one train in five.')).toEqual([['Vestby Rail', 'group']]);
    // "the company" is the business the sentence named, not a voice called "company".
    expect(typed('The shipping group Nordfrakt will build a terminal, the company said on Monday.')).toEqual([
      ['Nordfrakt', 'group'],
    ]);
  });

  it('reads a common plural opening a sentence as an unnamed source or as nobody, never as a person', () => {
    const typed = (text: string) => analyse(text)?.voices.map((v) => [v.speaker, v.speakerType]);
    expect(typed('Engineers say the higher wall would hold.')).toEqual([['engineers', 'unnamed']]);
    expect(typed('Buses will be diverted over the ring road, adding about 20 minutes to journeys.')).toEqual(
      [],
    );
  });
});
