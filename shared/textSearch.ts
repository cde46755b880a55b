/** Lower case without accents, so "jose" finds "José" in the contacts search and the history filter. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
