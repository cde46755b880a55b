/**
 * Recipient suggestions: which saved or recent people match what is typed in `To`, best first.
 *
 * Letters are matched against names, each typed word on its own and ignoring case and accents:
 * the start of a word in the name is the best match ("smi" → "Alice Smith"), the word anywhere in
 * the name next, and the letters in order with gaps last, better the closer together they are
 * ("mria" still finds "Maria"). Anything without letters ("555", "(555) 12", "+1 555") is read
 * as digits and matched as a substring of the ten-digit number. The match quality is then
 * blended with whether the contact is a favourite and how recently it was texted.
 *
 * A small scorer written for this rather than a fuzzy-search library: names are short, the rules
 * above are all that is needed, and the popup's JavaScript has a size budget.
 *
 * All the per-contact work (folding names, finding word starts, looking up recency) happens once in
 * `buildSuggestionIndex`, when contacts or recents change; `suggest` runs on every keystroke and
 * must stay well inside one frame for 10,000 contacts.
 */
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

/** Match quality of one typed word, from best to worst kind of match. */
const QUALITY_NAME_START = 1;
const QUALITY_WORD_START = 0.95;
const QUALITY_INSIDE_WORD = 0.75;
/** Letters in order with gaps: between these two, by how tightly they sit together. */
const QUALITY_SCATTERED_MIN = 0.35;
const QUALITY_SCATTERED_MAX = 0.6;

export type Suggestion = {
  /** Ten digits; what is put in `To` when the suggestion is picked. */
  number: string;
  /** The saved contact's name, or null for a recent number that is not saved. */
  name: string | null;
  contactId: string | null;
  favorite: boolean;
  /** 0 for the most recently texted, 1 for the next, ...; null when not recent. */
  recentRank: number | null;
};

type Entry = Suggestion & {
  /** 1 for the most recent, falling towards 0; 0 when not recent. */
  recency: number;
  /** The name folded for matching (lower case, no accents); '' for an unsaved number. */
  folded: string;
  /** Where each word of `folded` starts. */
  wordStarts: readonly number[];
  /** Position in alphabetical order of names (unsaved numbers last): breaks ties cheaply. */
  order: number;
};

export type SuggestionIndex = {
  readonly entries: readonly Entry[];
  readonly recents: readonly Entry[];
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
    const folded = contact === null ? '' : foldForSearch(contact.name);
    const entry: Entry = {
      number,
      name: contact?.name ?? null,
      contactId: contact?.id ?? null,
      favorite: contact?.favorite ?? false,
      recentRank: rank ?? null,
      recency: recency(rank),
      folded,
      wordStarts: wordStartsOf(folded),
      order: 0,
    };
    entries.push(entry);
    byNumber.set(number, entry);
  };
  // Numbers are unique among contacts; should two ever share one, the first keeps it.
  for (const contact of contacts) if (!byNumber.has(contact.number)) add(contact.number, contact);
  for (const number of recentRankByNumber.keys()) if (!byNumber.has(number)) add(number, null);

  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  [...entries]
    .sort((a, b) => (a.name === null ? (b.name === null ? 0 : 1) : b.name === null ? -1 : collator.compare(a.name, b.name)) || a.number.localeCompare(b.number))
    .forEach((entry, order) => (entry.order = order));

  const recentEntries = [...recentRankByNumber.keys()].flatMap((number) => {
    const entry = byNumber.get(number);
    return entry === undefined ? [] : [entry];
  });
  return { entries, recents: recentEntries };
}

/**
 * The recent people, most recent first: what `To` offers before anything is typed. All of them by
 * default: their number is already capped by the recent-contacts setting.
 */
export function recentSuggestions(index: SuggestionIndex, limit = index.recents.length): Suggestion[] {
  return index.recents.slice(0, limit).map(toSuggestion);
}

/** The best `limit` matches for what is typed, best first; every recent person when nothing is typed. */
export function suggest(index: SuggestionIndex, query: string, limit = MAX_SUGGESTIONS): Suggestion[] {
  const text = query.trim();
  if (text === '') return recentSuggestions(index);
  if (/\p{L}/u.test(text)) {
    const words = foldForSearch(text).split(/\s+/).filter((word) => word !== '');
    return best(index, limit, (entry) => nameMatchQuality(entry, words));
  }
  const digits = queryDigits(text);
  if (digits === '') return [];
  return best(index, limit, (entry) => {
    const at = entry.number.indexOf(digits);
    return at === -1 ? null : numberMatchQuality(at);
  });
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

/**
 * How well typed words match a name, 0 to 1, or null when one of them does not match at all.
 * Every typed word must match somewhere; the quality is their average.
 */
export function nameMatchQuality(entry: { folded: string; wordStarts: readonly number[] }, words: readonly string[]): number | null {
  if (entry.folded === '' || words.length === 0) return null;
  let total = 0;
  for (const word of words) {
    const quality = wordMatchQuality(entry.folded, entry.wordStarts, word);
    if (quality === null) return null;
    total += quality;
  }
  return total / words.length;
}

function wordMatchQuality(name: string, wordStarts: readonly number[], word: string): number | null {
  let at = name.indexOf(word);
  if (at === 0) return QUALITY_NAME_START;
  let inside = false;
  while (at !== -1) {
    if (wordStarts.includes(at)) return QUALITY_WORD_START;
    inside = true;
    at = name.indexOf(word, at + 1);
  }
  if (inside) return QUALITY_INSIDE_WORD;
  // The letters in order with gaps: the shorter the stretch they span, the better.
  let position = -1;
  let first = -1;
  for (const letter of word) {
    position = name.indexOf(letter, position + 1);
    if (position === -1) return null;
    if (first === -1) first = position;
  }
  const tightness = word.length / (position - first + 1);
  return QUALITY_SCATTERED_MIN + (QUALITY_SCATTERED_MAX - QUALITY_SCATTERED_MIN) * tightness;
}

/** A letter or digit not preceded by one (an apostrophe joins: "o'brien" is one word). */
const WORD_START = /(?<![\p{L}\p{N}'])[\p{L}\p{N}]/gu;

function wordStartsOf(folded: string): number[] {
  return Array.from(folded.matchAll(WORD_START), (match) => match.index);
}

/** The start of the number is what people type most; the exchange and line starts come next. */
function numberMatchQuality(at: number): number {
  if (at === 0) return 1;
  if (at === 3 || at === 6) return 0.9;
  return 0.75;
}

/** The `limit` best-scoring entries, kept in a small sorted array: cheaper than sorting every match. */
function best(index: SuggestionIndex, limit: number, quality: (entry: Entry) => number | null): Suggestion[] {
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
  return top.map((item) => toSuggestion(item.entry));
}

/** Best first; equal scores alphabetically by name, then by number, so the order is stable. */
function compare(a: { entry: Entry; score: number }, b: { entry: Entry; score: number } | undefined): number {
  if (b === undefined) return -1;
  return b.score - a.score || a.entry.order - b.entry.order;
}

function toSuggestion(entry: Entry): Suggestion {
  return {
    number: entry.number,
    name: entry.name,
    contactId: entry.contactId,
    favorite: entry.favorite,
    recentRank: entry.recentRank,
  };
}
