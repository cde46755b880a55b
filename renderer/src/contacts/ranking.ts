/**
 * Recipient suggestions: which saved or recent people match what is typed in `To`, best first.
 *
 * Letters are matched against names by fuzzysort (SublimeText-like fuzzy matching: word starts
 * best, letters in order with gaps still count, case and accents ignored, every typed word must
 * match). A name that starts with what is typed ranks first, then one whose later word (the last
 * name) does, then the fuzzy rest: "al" puts Alice before Carla Álvarez before Natalie. Anything without letters ("555", "(555) 12", "+1 555") is read as digits and matched as
 * a substring of the ten-digit number. The match quality is then blended with whether the contact
 * is a favourite and how recently it was texted.
 *
 * All the per-contact work (fuzzysort's prepared snapshot, recency) happens once in
 * `buildSuggestionIndex`, when contacts or recents change; `suggest` runs on every keystroke and
 * must stay well inside one frame for 10,000 contacts.
 */
import fuzzysort, { type SnapshotKey } from 'fuzzysort';
import type { Contact, RecentContact } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { foldForSearch } from './textSearch';

/** How many matches the list shows at most: few enough to scan at a glance. */
export const MAX_SUGGESTIONS = 10;

/**
 * How much each signal weighs. Match quality dominates so that a poor fuzzy match never outranks
 * a clean word-start match just for being a favourite, while among similar matches favourites and
 * recent people come first.
 */
const WEIGHT_MATCH = 0.6;
const WEIGHT_FAVORITE = 0.2;
const WEIGHT_RECENCY = 0.2;

export type Suggestion = {
  /** Ten digits; what is put in `To` when the suggestion is picked. */
  number: string;
  /** The saved contact's name, or null for a recent number that is not saved. */
  name: string | null;
  contactId: string | null;
  favorite: boolean;
  /** 0 for the most recently texted, 1 for the next, ...; null when not recent. */
  recentRank: number | null;
  /** Which characters of the label (`suggestionLabel`) matched what was typed, for highlighting. */
  matched: readonly number[];
  /** Which characters of the formatted number matched typed digits. */
  matchedInNumber: readonly number[];
};

type Entry = Omit<Suggestion, 'matched' | 'matchedInNumber'> & {
  /** The name's words, folded for comparison ("álvarez"), to find prefix matches. */
  words: readonly string[];
  /** 1 for the most recent, falling towards 0; 0 when not recent. */
  recency: number;
  /** Position in alphabetical order of names (unsaved numbers last): breaks ties cheaply. */
  order: number;
};

export type SuggestionIndex = {
  readonly entries: readonly Entry[];
  readonly recents: readonly Entry[];
  /** The saved contacts prepared for fuzzysort, in alphabetical order so equal scores stay so. */
  readonly byName: SnapshotKey<Entry>;
};

/** Prepares everything `suggest` needs. Call once per change of contacts or recents. */
export function buildSuggestionIndex(contacts: readonly Contact[], recents: readonly RecentContact[]): SuggestionIndex {
  const recentRankByNumber = new Map<string, number>();
  recents.forEach((recent, rank) => {
    if (!recentRankByNumber.has(recent.number)) recentRankByNumber.set(recent.number, rank);
  });
  const recency = (rank: number | undefined): number =>
    rank === undefined ? 0 : 1 - rank / Math.max(recentRankByNumber.size, 1);

  const entries: Entry[] = [];
  const byNumber = new Map<string, Entry>();
  const add = (number: string, contact: Contact | null) => {
    const rank = recentRankByNumber.get(number);
    const entry: Entry = {
      number,
      name: contact?.name ?? null,
      contactId: contact?.id ?? null,
      favorite: contact?.favorite ?? false,
      recentRank: rank ?? null,
      words: contact === null ? [] : foldForSearch(contact.name).split(/[\s\-.,'’]+/u).filter((word) => word !== ''),
      recency: recency(rank),
      order: 0,
    };
    entries.push(entry);
    byNumber.set(number, entry);
  };
  // Numbers are unique among contacts; should two ever share one, the first keeps it.
  for (const contact of contacts) if (!byNumber.has(contact.number)) add(contact.number, contact);
  for (const number of recentRankByNumber.keys()) if (!byNumber.has(number)) add(number, null);

  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const alphabetical = [...entries].sort(
    (a, b) => (a.name === null ? (b.name === null ? 0 : 1) : b.name === null ? -1 : collator.compare(a.name, b.name)) || a.number.localeCompare(b.number),
  );
  alphabetical.forEach((entry, order) => (entry.order = order));

  const recentEntries = [...recentRankByNumber.keys()].flatMap((number) => {
    const entry = byNumber.get(number);
    return entry === undefined ? [] : [entry];
  });
  const named = alphabetical.filter((entry) => entry.name !== null);
  return { entries, recents: recentEntries, byName: fuzzysort.snapshot(named, { key: 'name' }) };
}

/**
 * The recent people, most recent first: what `To` offers before anything is typed. All of them by
 * default: their number is already capped by the recent-contacts setting.
 */
export function recentSuggestions(index: SuggestionIndex, limit = index.recents.length): Suggestion[] {
  return index.recents.slice(0, limit).map((entry) => toSuggestion(entry, [], []));
}

/** How a name's words relate to the typed text: 2 the first word starts with it, 1 a later one, 0 neither. */
function prefixTier(words: readonly string[], typedWords: readonly string[]): number {
  const first = typedWords[0];
  if (first === undefined) return 0;
  // Every typed word must start some word of the name, the first typed word leading.
  const rest = typedWords.slice(1);
  const startsSome = (typed: string) => words.some((word) => word.startsWith(typed));
  if (!rest.every(startsSome)) return 0;
  if (words[0]?.startsWith(first) === true) return 2;
  return words.slice(1).some((word) => word.startsWith(first)) ? 1 : 0;
}

/** The best `limit` matches for what is typed, best first; every recent person when nothing is typed. */
export function suggest(index: SuggestionIndex, query: string, limit = MAX_SUGGESTIONS): Suggestion[] {
  const text = query.trim();
  if (text === '') return recentSuggestions(index);
  if (/\p{L}/u.test(text)) {
    // threshold 0: letters in order with gaps are still a match, ranked below cleaner ones. The
    // last term (under a millionth in all) keeps equal scores in alphabetical order, which
    // fuzzysort's own ordering of ties does not.
    const tieBreak = 1 / (index.entries.length * 1_000_000);
    const typedWords = foldForSearch(text).split(/\s+/u).filter((word) => word !== '');
    const matches = fuzzysort.go(text, index.byName, {
      limit,
      threshold: 0,
      // The prefix tier comes first (whole points); the blended score orders within a tier.
      scoreFn: (match) => prefixTier(match.obj.words, typedWords) + rankScore(match.score, match.obj) - match.obj.order * tieBreak,
    });
    return matches.map((match) => toSuggestion(match.obj, [...match.indexes], []));
  }
  const digits = queryDigits(text);
  if (digits === '') return [];
  const found = best(index, limit, (entry) => {
    const at = entry.number.indexOf(digits);
    return at === -1 ? null : numberMatchQuality(at);
  });
  return found.map((entry) => {
    const inNumber = digitPositions(formatPhoneNumber(entry.number), entry.number.indexOf(digits), digits.length);
    return toSuggestion(entry, entry.name === null ? inNumber : [], inNumber);
  });
}

/** Where digits `from` … `from + count - 1` of a number sit in its formatted form "(555) 123-4567". */
function digitPositions(formatted: string, from: number, count: number): number[] {
  const positions: number[] = [];
  let digit = 0;
  for (let at = 0; at < formatted.length; at += 1) {
    if (!/\d/.test(formatted[at] ?? '')) continue;
    if (digit >= from && digit < from + count) positions.push(at);
    digit += 1;
  }
  return positions;
}

/** What a suggestion is called: the contact's name, or the number itself when it is not saved. */
export function suggestionLabel(suggestion: Suggestion): string {
  return suggestion.name ?? formatPhoneNumber(suggestion.number);
}

/** Blends the three signals into one score in [0, 1]. */
export function rankScore(matchQuality: number, entry: { favorite: boolean; recency: number }): number {
  return WEIGHT_MATCH * matchQuality + (entry.favorite ? WEIGHT_FAVORITE : 0) + WEIGHT_RECENCY * entry.recency;
}

/**
 * The digits of a number being typed, without a +1 country code: "+1 (555" → "555",
 * "15551234567" → "5551234567". A lone leading 1 without the rest stays, since it may be part
 * of a number ("1234").
 */
export function queryDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  if (/^\s*\+\s*1/.test(text)) return digits.slice(1);
  if (digits.length === 11 && digits.startsWith('1')) return digits.slice(1);
  return digits;
}

/** The start of the number is what people type most; the exchange and line starts come next. */
function numberMatchQuality(at: number): number {
  if (at === 0) return 1;
  if (at === 3 || at === 6) return 0.9;
  return 0.75;
}

/** The `limit` best-scoring entries, kept in a small sorted array: cheaper than sorting every match. */
function best(index: SuggestionIndex, limit: number, quality: (entry: Entry) => number | null): Entry[] {
  const top: { entry: Entry; score: number }[] = [];
  for (const entry of index.entries) {
    const matched = quality(entry);
    if (matched === null) continue;
    const candidate = { entry, score: rankScore(matched, entry) };
    let position = top.length;
    while (position > 0 && compare(candidate, top[position - 1]) < 0) position--;
    if (position >= limit) continue;
    top.splice(position, 0, candidate);
    if (top.length > limit) top.pop();
  }
  return top.map((item) => item.entry);
}

/** Best first; equal scores alphabetically by name, then by number, so the order is stable. */
function compare(a: { entry: Entry; score: number }, b: { entry: Entry; score: number } | undefined): number {
  if (b === undefined) return -1;
  return b.score - a.score || a.entry.order - b.entry.order;
}

function toSuggestion(entry: Entry, matched: readonly number[], matchedInNumber: readonly number[]): Suggestion {
  return {
    number: entry.number,
    name: entry.name,
    contactId: entry.contactId,
    favorite: entry.favorite,
    recentRank: entry.recentRank,
    matched,
    matchedInNumber,
  };
}
