/**
 * The renderer's copy of the saved contacts and the recent numbers, shared by every view that
 * shows them (Contacts, the `To` suggestions, the after-send offer, History), so a contact saved
 * in one view is there in the others without each asking main again.
 *
 * Arrays are replaced, never mutated, and a reload that finds nothing changed keeps the old
 * array: the suggestion index is rebuilt only when its input really changes.
 */
import { useSyncExternalStore } from 'react';
import type { Contact, RecentContact } from '../../../shared/ipc';
import { api } from '../api';

export type ContactsData = {
  readonly contacts: readonly Contact[];
  readonly recents: readonly RecentContact[];
  /** False until the first list of contacts arrived. */
  readonly loaded: boolean;
  /** Why the last load failed, in main's words; null when it worked. */
  readonly loadError: string | null;
};

let data: ContactsData = { contacts: [], recents: [], loaded: false, loadError: null };
const listeners = new Set<() => void>();

function update(next: Partial<ContactsData>): void {
  data = { ...data, ...next };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useContactsData(): ContactsData {
  return useSyncExternalStore(subscribe, () => data);
}

export function currentContactsData(): ContactsData {
  return data;
}

let contactsLoad: Promise<void> | null = null;

/** Asks main for the contacts again; concurrent calls share one request. */
export function refreshContacts(): Promise<void> {
  contactsLoad ??= (async () => {
    try {
      const result = await api().listContacts();
      if (result.ok) {
        update({ contacts: sameContacts(data.contacts, result.value) ? data.contacts : result.value, loaded: true, loadError: null });
      } else {
        update({ loadError: result.error.message });
      }
    } finally {
      contactsLoad = null;
    }
  })();
  return contactsLoad;
}

let recentsLoad: Promise<void> | null = null;

export function refreshRecents(): Promise<void> {
  recentsLoad ??= (async () => {
    try {
      const result = await api().listRecents();
      if (result.ok) setRecents(result.value);
    } finally {
      recentsLoad = null;
    }
  })();
  return recentsLoad;
}

export function setRecents(recents: readonly RecentContact[]): void {
  if (!sameRecents(data.recents, recents)) update({ recents });
}

/** A contact saved (new or edited) or restored: put it in place of the old one, or add it. */
export function putContact(contact: Contact): void {
  const others = data.contacts.filter((existing) => existing.id !== contact.id);
  update({ contacts: [...others, contact] });
}

export function dropContact(id: string): void {
  update({ contacts: data.contacts.filter((existing) => existing.id !== id) });
}

function sameContacts(a: readonly Contact[], b: readonly Contact[]): boolean {
  return (
    a.length === b.length &&
    a.every((contact, i) => {
      const other = b[i];
      return other !== undefined && contact.id === other.id && contact.updatedAt === other.updatedAt && contact.number === other.number && contact.name === other.name && contact.favorite === other.favorite;
    })
  );
}

function sameRecents(a: readonly RecentContact[], b: readonly RecentContact[]): boolean {
  return (
    a.length === b.length &&
    a.every((recent, i) => {
      const other = b[i];
      return other !== undefined && recent.number === other.number && recent.lastSentAt === other.lastSentAt;
    })
  );
}
