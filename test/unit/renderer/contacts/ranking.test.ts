import { describe, expect, it } from 'vitest';
import type { Contact, RecentContact } from '../../../../shared/ipc';
import {
  MAX_SUGGESTIONS,
  buildSuggestionIndex,
  queryDigits,
  recentSuggestions,
  suggest,
} from '../../../../renderer/src/contacts/ranking';

let nextId = 0;
function contact(name: string, number: string, favorite = false): Contact {
  nextId += 1;
  return {
    id: `c${nextId}`,
    name,
    number,
    note: '',
    favorite,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}
const recent = (number: string, minutesAgo: number): RecentContact => ({
  number,
  lastSentAt: new Date(Date.UTC(2026, 0, 2) - minutesAgo * 60_000).toISOString(),
});

const alice = contact('Alice Smith', '5551234567');
const alan = contact('Alan Turing', '2025550143');
const sal = contact('Sal Khan', '3125550199');
const maria = contact('Maria Lopez', '4155550123');
const bob = contact('Bob Alvarez', '6175550100');
const everyone = [alice, alan, sal, maria, bob];

const names = (list: { name: string | null }[]) => list.map((s) => s.name);

describe('suggest by name', () => {
  it('finds a contact by a fragment of the name, best word-start match first', () => {
    const index = buildSuggestionIndex(everyone, []);
    expect(names(suggest(index, 'ali'))[0]).toBe('Alice Smith');
    expect(names(suggest(index, 'smi'))).toEqual(['Alice Smith']);
    expect(names(suggest(index, 'turing'))).toEqual(['Alan Turing']);
  });

  it('is fuzzy: letters in order with gaps still match, case and accents do not matter', () => {
    const index = buildSuggestionIndex([...everyone, contact('José Núñez', '7185550111')], []);
    expect(names(suggest(index, 'mria'))).toEqual(['Maria Lopez']);
    expect(names(suggest(index, 'ALSM'))).toEqual(['Alice Smith']);
    expect(names(suggest(index, 'jose nun'))).toEqual(['José Núñez']);
  });

  it('ranks the start of the name, then a word start, then inside a word, then scattered letters', () => {
    const index = buildSuggestionIndex(
      [contact('Maria Lopez', '4155550123'), contact('Sal Khan', '3125550199'), contact('Bob Alvarez', '6175550100'), contact('Alan Turing', '2025550143')],
      [],
    );
    expect(names(suggest(index, 'al'))).toEqual(['Alan Turing', 'Bob Alvarez', 'Sal Khan', 'Maria Lopez']);
  });

  it('needs every typed word to match', () => {
    const index = buildSuggestionIndex(everyone, []);
    expect(names(suggest(index, 'alice sm'))).toEqual(['Alice Smith']);
    expect(suggest(index, 'alice zz')).toEqual([]);
  });

  it('finds nothing for letters that are not in any name', () => {
    const index = buildSuggestionIndex(everyone, []);
    expect(suggest(index, 'xyz')).toEqual([]);
  });

  it('puts a favourite before an equally good match', () => {
    const plain = buildSuggestionIndex([contact('Alex One', '2125550101'), contact('Alex Two', '2125550102')], []);
    expect(names(suggest(plain, 'alex'))).toEqual(['Alex One', 'Alex Two']);
    const withFavourite = buildSuggestionIndex(
      [contact('Alex One', '2125550101'), contact('Alex Two', '2125550102', true)],
      [],
    );
    expect(names(suggest(withFavourite, 'alex'))).toEqual(['Alex Two', 'Alex One']);
  });

  it('puts the most recently texted first among equally good matches', () => {
    const one = contact('Alex One', '2125550101');
    const two = contact('Alex Two', '2125550102');
    const three = contact('Alex Three', '2125550103');
    const index = buildSuggestionIndex([one, two, three], [recent(three.number, 1), recent(two.number, 5)]);
    expect(names(suggest(index, 'alex'))).toEqual(['Alex Three', 'Alex Two', 'Alex One']);
  });

  it('does not let a favourite with a poor match outrank a clean match', () => {
    const index = buildSuggestionIndex([contact('Alice Smith', '5551234567'), contact('Maria Lopez', '4155550123', true)], []);
    expect(names(suggest(index, 'al'))[0]).toBe('Alice Smith');
  });

  it('puts a first-name prefix, then a last-name prefix, above fuzzy matches even of a favourite recently texted', () => {
    const carla = contact('Carla Álvarez', '6175550111', true);
    const natalie = contact('Natalie Wood', '6175550112', true);
    const alicia = contact('Alicia Keys', '6175550113');
    const index = buildSuggestionIndex([carla, natalie, alicia], [recent(carla.number, 1), recent(natalie.number, 2)]);
    expect(names(suggest(index, 'al'))).toEqual(['Alicia Keys', 'Carla Álvarez', 'Natalie Wood']);
  });

  it('says which letters of the name matched, for highlighting', () => {
    const index = buildSuggestionIndex([alice], []);
    expect(suggest(index, 'smi')[0]?.matched).toEqual([6, 7, 8]);
  });

  it('caps the list', () => {
    const many = Array.from({ length: 50 }, (_, i) => contact(`Alex ${String(i).padStart(2, '0')}`, `212555${String(1000 + i)}`));
    const index = buildSuggestionIndex(many, []);
    expect(suggest(index, 'alex')).toHaveLength(MAX_SUGGESTIONS);
    expect(suggest(index, 'alex', 3)).toHaveLength(3);
  });
});

describe('suggest by number', () => {
  it('matches typed digits anywhere in the number, the start of the number first', () => {
    const index = buildSuggestionIndex(everyone, []);
    expect(names(suggest(index, '555123'))).toEqual(['Alice Smith']);
    expect(names(suggest(index, '0199'))).toEqual(['Sal Khan']);
    const fives = suggest(index, '555');
    expect(fives[0]?.name).toBe('Alice Smith');
    expect(fives).toHaveLength(5);
  });

  it('reads phone punctuation as digits: "(555" and "555-12" and "+1 555"', () => {
    const index = buildSuggestionIndex(everyone, []);
    expect(names(suggest(index, '(555'))[0]).toBe('Alice Smith');
    expect(names(suggest(index, '(555) 12'))).toEqual(['Alice Smith']);
    expect(names(suggest(index, '555-12'))).toEqual(['Alice Smith']);
    expect(names(suggest(index, '+1 (555) 123-4567'))).toEqual(['Alice Smith']);
    expect(names(suggest(index, '15551234567'))).toEqual(['Alice Smith']);
  });

  it('offers recent numbers that are not saved, named by nothing', () => {
    const index = buildSuggestionIndex(everyone, [recent('8005550142', 1)]);
    expect(suggest(index, '800')).toEqual([
      { number: '8005550142', name: null, contactId: null, favorite: false, recentRank: 0, matched: [1, 2, 3], matchedInNumber: [1, 2, 3] },
    ]);
  });

  it('ranks favourites and recents first among numbers matching equally', () => {
    const a = contact('A', '2125550101');
    const b = contact('B', '2125550102', true);
    const c = contact('C', '2125550103');
    const index = buildSuggestionIndex([a, b, c], [recent(c.number, 1)]);
    expect(names(suggest(index, '212'))).toEqual(['B', 'C', 'A']);
  });

  it('says which characters of the formatted number matched the typed digits', () => {
    const index = buildSuggestionIndex([alice], []);
    // "(555) 123-4567": the digits 1, 2, 3 sit at 6, 7, 8.
    expect(suggest(index, '123')[0]?.matchedInNumber).toEqual([6, 7, 8]);
  });

  it('ignores input with neither letters nor digits', () => {
    const index = buildSuggestionIndex(everyone, []);
    expect(suggest(index, '()-')).toEqual([]);
  });
});

describe('recent suggestions', () => {
  it('offers the recent people before anything is typed, most recent first, saved ones by name', () => {
    const index = buildSuggestionIndex(everyone, [recent(bob.number, 1), recent('8005550142', 2), recent(alice.number, 3)]);
    const expected = [
      { number: bob.number, name: 'Bob Alvarez', contactId: bob.id, favorite: false, recentRank: 0, matched: [], matchedInNumber: [] },
      { number: '8005550142', name: null, contactId: null, favorite: false, recentRank: 1, matched: [], matchedInNumber: [] },
      { number: alice.number, name: 'Alice Smith', contactId: alice.id, favorite: false, recentRank: 2, matched: [], matchedInNumber: [] },
    ];
    expect(suggest(index, '')).toEqual(expected);
    expect(suggest(index, '   ')).toEqual(expected);
    expect(recentSuggestions(index, 2)).toEqual(expected.slice(0, 2));
  });

  it('offers every recent person, however many the recent-contacts setting keeps', () => {
    const numbers = Array.from({ length: 25 }, (_, i) => `2125550${String(100 + i)}`);
    const index = buildSuggestionIndex([], numbers.map((number, i) => recent(number, i)));
    expect(suggest(index, '').map((s) => s.number)).toEqual(numbers);
  });

  it('is empty when nothing was sent yet', () => {
    expect(suggest(buildSuggestionIndex(everyone, []), '')).toEqual([]);
  });
});

describe('queryDigits', () => {
  it('drops a +1 or an eleven-digit leading 1, keeps other leading ones', () => {
    expect(queryDigits('+1 555')).toBe('555');
    expect(queryDigits('1 (555) 123-4567')).toBe('5551234567');
    expect(queryDigits('1234')).toBe('1234');
  });
});
