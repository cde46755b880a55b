/**
 * The VoiceTel API key: set, replace, remove (after a confirmation); never shown back. The key goes
 * straight to main, which keeps it in the OS keychain.
 */
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { ApiKeyStatus, Result } from '../../../shared/ipc';
import { api } from '../api';
import { announceApiKeyChanged } from '../apiKeyEvents';
import { useStatus } from '../status';
import { SettingsSection } from './SettingsSection';

export function ApiKeySection() {
  const { announce } = useStatus();
  const [status, setStatus] = useState<ApiKeyStatus | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  /** "Remove API key" was pressed: sending stops working until a key is saved again, so ask first. */
  const [confirming, setConfirming] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  useEffect(() => {
    let cancelled = false;
    void api()
      .getApiKeyStatus()
      .then((result) => {
        if (cancelled) return;
        if (result.ok) setStatus(result.value);
        else setStatus({ hasKey: false, keychainProblem: result.error.message });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const apply = (result: Result<ApiKeyStatus>, done: string): boolean => {
    if (!result.ok) {
      if (result.error.kind === 'keychain-unavailable') setStatus({ hasKey: status?.hasKey ?? false, keychainProblem: result.error.message });
      announce(result.error.message, 'error');
      return false;
    }
    setStatus(result.value);
    announceApiKeyChanged();
    // Saving checked the key with VoiceTel (or could not): say which.
    const unchecked = result.value.check === 'unchecked' && result.value.checkProblem !== undefined;
    announce(unchecked ? (result.value.checkProblem ?? done) : done, unchecked ? 'info' : 'success');
    return true;
  };

  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const replacing = status?.hasKey === true;
    const submitted = typed;
    announce('Checking the key with VoiceTel…');
    const result = await api().setApiKey({ apiKey: submitted });
    // The key leaves the page as soon as the keychain has it (unless something new was typed meanwhile).
    if (apply(result, replacing ? 'API key replaced; VoiceTel accepted it.' : 'API key saved; VoiceTel accepted it.')) setTyped((current) => (current === submitted ? '' : current));
    setBusy(false);
  };

  const remove = async () => {
    if (busy) return;
    setConfirming(false);
    setBusy(true);
    apply(await api().clearApiKey(), 'API key removed.');
    setBusy(false);
    keyInput.current?.focus();
  };

  const state = status === null ? 'Checking the keychain…' : status.hasKey ? 'A key is saved' : 'No key saved';

  return (
    <SettingsSection title="VoiceTel API key">
      <p id="api-key-state" className="hint">
        {state}
      </p>
      {status?.keychainProblem != null && (
        <p id="keychain-problem" className="problem">
          {status.keychainProblem}
        </p>
      )}
      <form className="inline-form" onSubmit={(event) => void save(event)}>
        <div className="field">
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            ref={keyInput}
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            value={typed}
            aria-describedby={status?.keychainProblem != null ? 'api-key-state keychain-problem' : 'api-key-state'}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save API key
          </button>
          <button ref={removeButton} type="button" disabled={busy || status?.hasKey !== true || confirming} onClick={() => setConfirming(true)}>
            Remove API key
          </button>
        </div>
      </form>
      {confirming && (
        <div
          className="confirm"
          role="group"
          aria-labelledby="remove-key-question"
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            // Esc answers "keep", not "hide the popup".
            event.preventDefault();
            setConfirming(false);
            requestAnimationFrame(() => removeButton.current?.focus());
          }}
        >
          <p id="remove-key-question">Remove the saved API key? Nothing can be sent until a key is saved again.</p>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => removeButton.current?.focus());
              }}
            >
              Keep the key
            </button>
            <button ref={confirmButton} type="button" className="danger" onClick={() => void remove()}>
              Remove the key
            </button>
          </div>
        </div>
      )}
    </SettingsSection>
  );
}
