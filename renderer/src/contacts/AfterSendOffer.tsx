/**
 * After a successful send to a number that is no contact: "Save (555) 123-4567 as a contact",
 * which opens a small form (Name, Note) and saves it. Says nothing for a number already saved.
 */
import { useEffect, useState } from 'react';
import { formatPhoneNumber } from '../../../shared/phone';
import { ContactForm } from './ContactForm';
import { refreshContacts, refreshRecents, useContactsData } from './contactsStore';
import './contacts.css';

export type AfterSendOfferProps = { /** Ten digits. */ number: string };

export function AfterSendOffer(props: AfterSendOfferProps) {
  const { contacts, loaded } = useContactsData();
  const [formFor, setFormFor] = useState<string | null>(null);
  const [declined, setDeclined] = useState<string | null>(null);

  // A send changes the recent list; and the contacts may not have been read yet.
  useEffect(() => {
    void refreshRecents();
    if (!loaded) void refreshContacts();
  }, [props.number, loaded]);

  const known = contacts.some((contact) => contact.number === props.number);
  if (!loaded || known || declined === props.number) return null;

  const formatted = formatPhoneNumber(props.number);
  if (formFor !== props.number) {
    return (
      <div className="after-send-offer">
        <button type="button" className="link-button" onClick={() => setFormFor(props.number)}>
          Save {formatted} as a contact
        </button>
      </div>
    );
  }
  return (
    <ContactForm
      initial={{ name: '', number: formatted, note: '', favorite: false }}
      onSaved={() => setFormFor(null)}
      onCancel={() => {
        setFormFor(null);
        setDeclined(props.number);
      }}
    />
  );
}
