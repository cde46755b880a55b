/**
 * How big a contact file an import takes, shared by the popup (which refuses a bigger one before
 * reading it) and main (which checks again, since it trusts nothing the popup says).
 */

/**
 * The largest contact file an import reads. iCloud keeps at most 50,000 contacts and Google
 * 25,000; even with a photo on every card, a real address book stays well under this.
 */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

/** The most contacts one file may hold: iCloud's own limit. */
export const IMPORT_MAX_CONTACTS = 50_000;

export const importTooLargeMessage = (bytes: number): string =>
  `This file is ${(bytes / 1024 / 1024).toFixed(0)} MB; a contact file is at most ${String(IMPORT_MAX_BYTES / 1024 / 1024)} MB, more than any real address book. Is it the right file?`;
