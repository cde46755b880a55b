/**
 * The recent recipients (what `To` offers before anything is typed), each removable on its own.
 */
import { formatPhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { useStatus } from '../status';
import { setRecents, useContactsData } from './contactsStore';

export function RecentList() {
  const { announce } = useStatus();
  const { contacts, recents } = useContactsData();
  if (recents.length === 0) return null;

  const nameOf = new Map(contacts.map((contact) => [contact.number, contact.name]));

  const remove = async (number: string, label: string) => {
    const result = await api().removeRecent({ number });
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    setRecents(result.value);
    announce(`Removed ${label} from recent`);
  };

  return (
    <section aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent</h2>
      <ul className="recents" aria-labelledby="recent-heading">
        {recents.map((recent) => {
          const name = nameOf.get(recent.number);
          const label = name ?? formatPhoneNumber(recent.number);
          return (
            <li key={recent.number}>
              <span className="recent-label" title={name === undefined ? undefined : `${name} ${formatPhoneNumber(recent.number)}`}>
                <span className="recent-name">{label}</span>
                {name !== undefined && <span className="contact-number">{formatPhoneNumber(recent.number)}</span>}
              </span>
              <button type="button" aria-label={`Remove ${label} from recent`} onClick={() => void remove(recent.number, label)}>
                Remove
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
