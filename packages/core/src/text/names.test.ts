import { describe, expect, it } from 'vitest';
import {
  displayName,
  foldNameToken,
  isSamePerson,
  parsePersonName,
  personKey,
  resolvePersonName,
  unifyPersonNames,
} from './names.ts';

describe('person names', () => {
  it('strips titles, honorifics and "of <country>"', () => {
    expect(displayName('President Ana R. Delgado of Elmsley')).toBe('Ana R. Delgado');
    expect(displayName('Harbor Authority spokesman Ivo Petrov')).toBe('Ivo Petrov');
    expect(displayName('Mr. Delgado')).toBe('Delgado');
    expect(personKey('Mr. Delgado’s')).toBe('delgado');
  });

  it('folds transliteration variants', () => {
    expect(foldNameToken('Zelenskyy')).toBe(foldNameToken('Zelensky'));
    expect(foldNameToken('Petroff')).toBe(foldNameToken('Petrov'));
    expect(foldNameToken('Dmitry')).toBe(foldNameToken('Dmitri'));
    expect(foldNameToken('Garcia')).not.toBe(foldNameToken('Gracia'));
  });

  it('treats "Mr. X", "First M. X" and "X" as one person, but not two first names', () => {
    expect(isSamePerson('Mr. Delgado', 'President Ana R. Delgado')).toBe(true);
    expect(isSamePerson('Ivan Petroff', 'Ivan Petrov')).toBe(true);
    expect(isSamePerson('Ana Delgado', 'Luis Delgado')).toBe(false);
    expect(isSamePerson('Ana Delgado', 'Ana Vale')).toBe(false);
  });

  it('unifies mentions across outlets into people with a canonical full name', () => {
    const people = unifyPersonNames([
      'Mr. Delgado',
      'Delgado',
      'Mayor Ana R. Delgado of Elmsley',
      'Ana Delgado',
      'Ivo Petroff',
      'spokesman Ivo Petrov',
      'Ivo Petrov',
      'Governor Sir Tomas',
      'Sir Tomas Reyes',
    ]);
    expect(people.map((p) => p.canonical)).toEqual(['Ana Delgado', 'Ivo Petrov', 'Tomas Reyes']);
    const [delgado] = people;
    expect(delgado?.variants).toHaveLength(4);
    expect(resolvePersonName('Ms. Delgado', people)?.canonical).toBe('Ana Delgado');
    expect(resolvePersonName('Sir Tomas', people)).toBeNull();
    expect(resolvePersonName('Governor Sir Tomas', people)?.canonical).toBe('Tomas Reyes');
  });

  it('keeps people with the same surname apart when first names differ', () => {
    const people = unifyPersonNames(['Ana Delgado', 'Luis Delgado', 'Delgado']);
    expect(people).toHaveLength(2);
  });
});

describe('parsePersonName surnames that are also titles', () => {
  it('reads "Mr. King" as the surname King, but not "Mr. President"', () => {
    expect(parsePersonName('Mr. King')?.lastKey).toBe('king');
    expect(parsePersonName('Ms. Major')?.lastKey).toBe('maior');
    expect(parsePersonName('Mr. President')).toBeNull();
  });
});
