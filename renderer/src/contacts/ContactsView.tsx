/**
 * Saved contacts: search, add, edit, delete with undo, text one, import and export. Favourites are
 * pinned first, the rest by name; the list is virtualized so 10,000 contacts scroll smoothly.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Contact } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { useStatus } from '../status';
import { ContactForm, contactToFormValues, type ContactFormValues } from './ContactForm';
import { dropContact, putContact, refreshContacts, refreshRecents, useContactsData } from './contactsStore';
import { ExportButtons, ImportContacts } from './ImportExport';
import { RecentList } from './RecentList';
import { foldForSearch } from './textSearch';
import { VirtualList } from './VirtualList';
import './contacts.css';

export type ContactsViewProps = { onCompose: (to: string) => void };

/** How long a deleted contact can be brought back with Undo. */
const UNDO_MS = 10_000;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function ContactsView(props: ContactsViewProps) {
  const { announce } = useStatus();
  const { contacts, loaded, loadError } = useContactsData();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [form, setForm] = useState<ContactFormValues | null>(null);
  const [deleted, setDeleted] = useState<Contact | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void refreshContacts();
    void refreshRecents();
  }, []);

  // The Undo offer lasts a while, then the deletion is final.
  useEffect(() => {
    if (deleted === null) return;
    const timer = setTimeout(() => {
      // Focus must not vanish with the Undo button.
      if (document.activeElement === undoButton.current) searchBox.current?.focus();
      setDeleted(null);
    }, UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);

  // Sorted and folded once per change of contacts, not per keystroke in the search box.
  const prepared = useMemo(
    () =>
      [...contacts]
        .sort((a, b) => Number(b.favorite) - Number(a.favorite) || collator.compare(a.name, b.name) || a.number.localeCompare(b.number))
        .map((contact) => ({ contact, haystack: `${foldForSearch(contact.name)}\n${foldForSearch(contact.note)}`, number: contact.number })),
    [contacts],
  );

  const shown = useMemo(() => {
    const text = foldForSearch(deferredSearch.trim());
    if (text === '') return prepared.map((entry) => entry.contact);
    const digits = /\p{L}/u.test(text) ? '' : text.replace(/\D/g, '');
    return prepared
      .filter((entry) => entry.haystack.includes(text) || (digits !== '' && entry.number.includes(digits)))
      .map((entry) => entry.contact);
  }, [prepared, deferredSearch]);

  const remove = async (contact: Contact) => {
    const result = await api().deleteContact({ id: contact.id });
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    dropContact(contact.id);
    setDeleted(result.value);
    announce(`Deleted ${contact.name}`);
    // The row and its button are gone; Undo is where the user most likely wants to be.
    requestAnimationFrame(() => undoButton.current?.focus());
  };

  const undo = async (contact: Contact) => {
    const result = await api().restoreContact(contact);
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    putContact(result.value);
    setDeleted(null);
    announce(`Restored ${result.value.name}`, 'success');
    searchBox.current?.focus();
  };

  return (
    <div className="contacts-view">
      <div className="toolbar">
        <input
          ref={searchBox}
          type="search"
          aria-label="Search contacts"
          placeholder="Search contacts"
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="button" onClick={() => setForm({ name: '', number: '', note: '', favorite: false })}>
          Add contact
        </button>
      </div>

      {form !== null && (
        <ContactForm
          key={form.id ?? 'new'}
          initial={form}
          onSaved={() => {
            setForm(null);
            searchBox.current?.focus();
          }}
          onCancel={() => {
            setForm(null);
            searchBox.current?.focus();
          }}
        />
      )}

      {deleted !== null && (
        <div className="undo-bar">
          <p>Deleted {deleted.name}.</p>
          <button ref={undoButton} type="button" onClick={() => void undo(deleted)}>
            Undo
          </button>
        </div>
      )}

      {loadError !== null && (
        <p className="problem" role="alert">
          Contacts could not be read: {loadError}
        </p>
      )}

      {loaded && contacts.length === 0 ? (
        <p className="empty">No saved contacts yet. Add one, or import a CSV or vCard file.</p>
      ) : (
        <>
          <p className="hint" aria-live="polite">
            {shown.length === contacts.length ? `${contacts.length} contacts` : `${shown.length} of ${contacts.length} contacts`}
          </p>
          <VirtualList
            items={shown}
            label="Saved contacts"
            estimateSize={58}
            getKey={(contact) => contact.id}
            renderItem={(contact) => (
              <ContactRow
                contact={contact}
                onEdit={() => setForm(contactToFormValues(contact))}
                onDelete={() => void remove(contact)}
                onCompose={() => props.onCompose(formatPhoneNumber(contact.number))}
              />
            )}
          />
        </>
      )}

      <RecentList />

      <section aria-labelledby="import-export-heading">
        <h2 id="import-export-heading">Import and export</h2>
        <ImportContacts />
        <ExportButtons disabled={contacts.length === 0} />
      </section>
    </div>
  );
}

function ContactRow(props: { contact: Contact; onEdit: () => void; onDelete: () => void; onCompose: () => void }) {
  const { contact } = props;
  return (
    <div className="contact-row">
      <div className="contact-main">
        <div className="contact-name" title={contact.name}>
          {contact.name}
          {contact.favorite && (
            <span className="favorite-mark" title="Favourite">
              <span aria-hidden="true"> ★</span>
              <span className="visually-hidden"> (favourite)</span>
            </span>
          )}
        </div>
        <div className="contact-number">{formatPhoneNumber(contact.number)}</div>
        {contact.note !== '' && <div className="contact-note">{contact.note}</div>}
      </div>
      <div className="row-actions">
        <button type="button" aria-label={`Text ${contact.name}`} onClick={props.onCompose}>
          Text
        </button>
        <button type="button" aria-label={`Edit ${contact.name}`} onClick={props.onEdit}>
          Edit
        </button>
        <button type="button" aria-label={`Delete ${contact.name}`} onClick={props.onDelete}>
          Delete
        </button>
      </div>
    </div>
  );
}
