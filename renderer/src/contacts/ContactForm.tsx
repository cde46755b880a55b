/**
 * Add or edit one contact: Name, Number, Note, Favourite, `Save contact`. Used by the Contacts view
 * and by the offer to save a number after a send.
 *
 * The number is checked with the same rule as compose before anything is sent to main; main checks
 * again and catches a second contact with the same number, which is offered as an edit of the
 * existing one.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Contact } from '../../../shared/ipc';
import { formatPhoneNumber, parsePhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { useStatus } from '../status';
import { currentContactsData, putContact, refreshContacts } from './contactsStore';

export type ContactFormValues = { id?: string; name: string; number: string; note: string; favorite: boolean };

export type ContactFormProps = {
  /** What the form starts with; an `id` makes it an edit of that contact. */
  initial: ContactFormValues;
  onSaved: (contact: Contact) => void;
  onCancel: () => void;
  /** Focus Name when the form appears (true unless it appears without the user asking). */
  autoFocus?: boolean;
};

type Problems = { name: string | null; number: string | null; form: string | null };
const noProblems: Problems = { name: null, number: null, form: null };

export function contactToFormValues(contact: Contact): ContactFormValues {
  return { id: contact.id, name: contact.name, number: formatPhoneNumber(contact.number), note: contact.note, favorite: contact.favorite };
}

export function ContactForm(props: ContactFormProps) {
  const id = useId();
  const { announce } = useStatus();
  const [values, setValues] = useState<ContactFormValues>(props.initial);
  const [problems, setProblems] = useState<Problems>(noProblems);
  const [duplicate, setDuplicate] = useState<Contact | null>(null);
  const [saving, setSaving] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const autoFocus = props.autoFocus ?? true;

  useEffect(() => {
    if (autoFocus) nameInput.current?.focus();
  }, [autoFocus, values.id]);

  const set = (change: Partial<ContactFormValues>) => setValues((current) => ({ ...current, ...change }));

  const save = async () => {
    const name = values.name.trim() === '' ? 'Enter a name.' : null;
    const parsed = parsePhoneNumber(values.number);
    const number = parsed.ok ? null : parsed.message;
    setDuplicate(null);
    if (name !== null || number !== null) {
      setProblems({ name, number, form: null });
      (name !== null ? nameInput.current : document.getElementById(`${id}number`))?.focus();
      return;
    }
    setSaving(true);
    try {
      const result = await api().saveContact({
        ...(values.id === undefined ? {} : { id: values.id }),
        name: values.name.trim(),
        number: values.number,
        note: values.note,
        favorite: values.favorite,
      });
      if (result.ok) {
        setProblems(noProblems);
        putContact(result.value);
        announce(`Saved ${result.value.name}`, 'success');
        props.onSaved(result.value);
        return;
      }
      const { error } = result;
      if (error.kind === 'duplicate') {
        const existingId = error.details?.contactId;
        const find = () => currentContactsData().contacts.find((contact) => contact.id === existingId) ?? null;
        // Saved elsewhere since this list was read (an import, another window): ask again.
        if (find() === null) await refreshContacts();
        setDuplicate(find());
        setProblems({ name: null, number: error.message, form: null });
      } else if (error.kind === 'invalid-input') {
        setProblems({ name: null, number: null, form: error.message });
      } else {
        setProblems({ name: null, number: null, form: error.message });
        announce(error.message, 'error');
      }
    } finally {
      setSaving(false);
    }
  };

  const editExisting = (existing: Contact) => {
    setDuplicate(null);
    setProblems(noProblems);
    setValues(contactToFormValues(existing));
  };

  const editing = values.id !== undefined;
  const title = editing ? `Edit ${props.initial.id === values.id ? props.initial.name : values.name}` : 'New contact';
  const describe = (problem: string | null, problemId: string) => (problem === null ? undefined : problemId);

  return (
    // A group, not a <form>: it also appears inside compose's form, and forms cannot nest.
    <div
      role="group"
      className="contact-form"
      aria-label={title}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          // Esc closes the form, not the popup.
          event.preventDefault();
          props.onCancel();
        } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement && !event.nativeEvent.isComposing) {
          // Enter in a field saves the contact (and must not submit a form around this one).
          event.preventDefault();
          event.stopPropagation();
          void save();
        }
      }}
    >
      <div className="field">
        <label htmlFor={`${id}name`}>Name</label>
        <input
          id={`${id}name`}
          ref={nameInput}
          type="text"
          autoComplete="off"
          maxLength={200}
          value={values.name}
          aria-invalid={problems.name !== null}
          aria-describedby={describe(problems.name, `${id}name-problem`)}
          onChange={(event) => set({ name: event.target.value })}
        />
        {problems.name !== null && (
          <p id={`${id}name-problem`} className="field-error">
            {problems.name}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}number`}>Number</label>
        <input
          id={`${id}number`}
          type="text"
          inputMode="tel"
          autoComplete="off"
          maxLength={100}
          value={values.number}
          aria-invalid={problems.number !== null}
          aria-describedby={describe(problems.number, `${id}number-problem`)}
          onChange={(event) => set({ number: event.target.value })}
        />
        {problems.number !== null && (
          <p id={`${id}number-problem`} className="field-error">
            {problems.number}
          </p>
        )}
        {duplicate !== null && (
          <button type="button" className="link-button" onClick={() => editExisting(duplicate)}>
            Edit {duplicate.name} instead
          </button>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}note`}>Note</label>
        <input id={`${id}note`} type="text" autoComplete="off" maxLength={2000} value={values.note} onChange={(event) => set({ note: event.target.value })} />
      </div>
      <div className="field checkbox-field">
        <input id={`${id}favorite`} type="checkbox" checked={values.favorite} onChange={(event) => set({ favorite: event.target.checked })} />
        <label htmlFor={`${id}favorite`}>Favourite</label>
      </div>
      {problems.form !== null && (
        <p className="problem" role="alert">
          {problems.form}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
          Save contact
        </button>
      </div>
    </div>
  );
}
