/** The VoiceTel numbers texts are sent from, and which one is the default. */
import { useState, type SyntheticEvent } from 'react';
import { formatPhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { useSettingsCall, type SectionProps } from './settingsCall';
import { SettingsSection } from './SettingsSection';

export function SenderNumbersSection(props: SectionProps) {
  const call = useSettingsCall(props.onSettingsChange);
  const [typed, setTyped] = useState('');
  const { senderNumbers, defaultSender } = props.settings;

  const add = async (event: SyntheticEvent) => {
    event.preventDefault();
    const submitted = typed;
    const added = await call(api().addSenderNumber({ number: submitted }), (settings) => {
      const number = settings.senderNumbers.at(-1);
      return number === undefined ? 'Sender number added.' : `Added ${formatPhoneNumber(number)}.`;
    });
    // Clear the box only if it still holds what was added: a number typed meanwhile stays.
    if (added) setTyped((current) => (current === submitted ? '' : current));
  };

  return (
    <SettingsSection title="Sender numbers">
      <form className="inline-form" onSubmit={(event) => void add(event)}>
        <div className="field">
          <label htmlFor="sender-number">Sender number</label>
          <input
            id="sender-number"
            type="text"
            inputMode="tel"
            autoComplete="off"
            maxLength={100}
            value={typed}
            aria-describedby="sender-number-hint"
            onChange={(event) => setTyped(event.target.value)}
          />
          <p id="sender-number-hint" className="hint">
            A VoiceTel number on your account; texts are sent from it.
          </p>
        </div>
        <div className="actions">
          <button type="submit">Add sender number</button>
        </div>
      </form>
      {senderNumbers.length === 0 ? (
        <p className="hint">No sender numbers yet.</p>
      ) : (
        <fieldset className="sender-list">
          <legend>Default sender</legend>
          <ul>
            {senderNumbers.map((number) => {
              const formatted = formatPhoneNumber(number);
              return (
                <li key={number}>
                  <label>
                    <input
                      type="radio"
                      name="default-sender"
                      value={number}
                      checked={number === defaultSender}
                      aria-label={`Use ${formatted} by default`}
                      onChange={() => void call(api().setDefaultSender({ number }), `${formatted} is now the default sender.`)}
                    />
                    <span>{formatted}</span>
                    {number === defaultSender && <span className="badge">default</span>}
                  </label>
                  <button
                    type="button"
                    aria-label={`Remove ${formatted}`}
                    onClick={() => void call(api().removeSenderNumber({ number }), `Removed ${formatted}.`)}
                  >
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
    </SettingsSection>
  );
}
