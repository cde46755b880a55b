/**
 * Settings: the API key (set, replace, remove; never shown back), sender numbers and the default,
 * the hotkey, launch at login, how many recent contacts to keep, and the connection (endpoint,
 * timeout). Every outcome goes to the status region; a refused value stays in its box.
 */
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { ApiKeyStatus, Result, Settings } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { announceApiKeyChanged } from '../apiKeyEvents';
import { useStatus } from '../status';
import { AccountSection } from './AccountSection';
import { SystemIntegration } from './SystemIntegration';

export type SettingsViewProps = {
  settings: Settings | null;
  onSettingsChange: (settings: Settings) => void;
};

export function SettingsView(props: SettingsViewProps) {
  // Bumped when signing in saved a key, so the key section reads its status again.
  const [keyRevision, setKeyRevision] = useState(0);
  return (
    <div className="settings">
      <ApiKeySection key={keyRevision} />
      {props.settings === null ? (
        <p className="hint">Loading settings…</p>
      ) : (
        <>
          <AccountSection
            settings={props.settings}
            onSettingsChange={props.onSettingsChange}
            onApiKeyChanged={() => setKeyRevision((revision) => revision + 1)}
          />
          <SenderNumbersSection settings={props.settings} onSettingsChange={props.onSettingsChange} />
          <GeneralSection settings={props.settings} onSettingsChange={props.onSettingsChange} />
          <AdvancedSection settings={props.settings} onSettingsChange={props.onSettingsChange} />
          <SystemIntegration />
        </>
      )}
    </div>
  );
}

type SectionProps = { settings: Settings; onSettingsChange: (settings: Settings) => void };

/** Runs one settings call: on success stores the answer and says `done`; on failure says why. */
function useSettingsCall(onSettingsChange: (settings: Settings) => void) {
  const { announce } = useStatus();
  return async (call: Promise<Result<Settings>>, done: string | ((settings: Settings) => string)): Promise<boolean> => {
    const result = await call;
    if (!result.ok) {
      announce(result.error.message, 'error');
      return false;
    }
    onSettingsChange(result.value);
    announce(typeof done === 'string' ? done : done(result.value), 'success');
    return true;
  };
}

function ApiKeySection() {
  const { announce } = useStatus();
  const [status, setStatus] = useState<ApiKeyStatus | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);

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
    setBusy(true);
    apply(await api().clearApiKey(), 'API key removed.');
    setBusy(false);
  };

  const state = status === null ? 'Checking the keychain…' : status.hasKey ? 'A key is saved' : 'No key saved';

  return (
    <section aria-labelledby="api-key-heading">
      <h2 id="api-key-heading">VoiceTel API key</h2>
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
          <button type="button" disabled={busy || status?.hasKey !== true} onClick={() => void remove()}>
            Remove API key
          </button>
        </div>
      </form>
    </section>
  );
}

function SenderNumbersSection(props: SectionProps) {
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
    <section aria-labelledby="senders-heading">
      <h2 id="senders-heading">Sender numbers</h2>
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
    </section>
  );
}

function GeneralSection(props: SectionProps) {
  const call = useSettingsCall(props.onSettingsChange);
  const { announce } = useStatus();
  const [hotkey, setHotkey] = useState(props.settings.hotkey);
  const [recentLimit, setRecentLimit] = useState(String(props.settings.recentLimit));
  // Shown checked at once; put back if main could not apply it.
  const [launchAtLogin, setLaunchAtLogin] = useState(props.settings.launchAtLogin);

  const saveHotkey = async (event: SyntheticEvent) => {
    event.preventDefault();
    const accelerator = hotkey.trim();
    if (accelerator === '') {
      announce('Enter a hotkey, e.g. CommandOrControl+Alt+Shift+S.', 'error');
      return;
    }
    await call(api().setHotkey({ accelerator }), (settings) =>
      settings.hotkeyProblem === null ? `Hotkey is now ${settings.hotkey}.` : `Hotkey kept as ${settings.hotkey}: ${settings.hotkeyProblem}`,
    );
  };

  const saveRecentLimit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const limit = Number(recentLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      announce('Recent contacts to keep: enter a whole number from 1 to 100.', 'error');
      return;
    }
    await call(api().setRecentLimit({ limit }), `Keeping the ${limit} most recent contacts.`);
  };

  return (
    <section aria-labelledby="general-heading">
      <h2 id="general-heading">General</h2>
      <form className="inline-form" onSubmit={(event) => void saveHotkey(event)}>
        <div className="field">
          <label htmlFor="hotkey">Hotkey</label>
          <input
            id="hotkey"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            value={hotkey}
            aria-describedby={props.settings.hotkeyProblem === null ? 'hotkey-hint' : 'hotkey-hint hotkey-problem'}
            onChange={(event) => setHotkey(event.target.value)}
          />
          <p id="hotkey-hint" className="hint">
            Opens the popup from anywhere. In use: {props.settings.hotkey}
          </p>
          {props.settings.hotkeyProblem !== null && (
            <p id="hotkey-problem" className="field-error">
              {props.settings.hotkeyProblem}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit">Save hotkey</button>
        </div>
      </form>

      <div className="field checkbox-field">
        <input
          id="launch-at-login"
          type="checkbox"
          checked={launchAtLogin}
          onChange={(event) => {
            const enabled = event.target.checked;
            setLaunchAtLogin(enabled);
            void call(api().setLaunchAtLogin({ enabled }), enabled ? 'VoiceTel Tray will start at login.' : 'VoiceTel Tray will not start at login.').then(
              (applied) => {
                if (!applied) setLaunchAtLogin(!enabled);
              },
            );
          }}
        />
        <label htmlFor="launch-at-login">Launch at login</label>
      </div>

      <form className="inline-form" onSubmit={(event) => void saveRecentLimit(event)}>
        <div className="field">
          <label htmlFor="recent-limit">Recent contacts to keep</label>
          <input
            id="recent-limit"
            type="number"
            min={1}
            max={100}
            step={1}
            value={recentLimit}
            onChange={(event) => setRecentLimit(event.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit">Save recent contacts limit</button>
        </div>
      </form>
    </section>
  );
}

function AdvancedSection(props: SectionProps) {
  const call = useSettingsCall(props.onSettingsChange);
  const { announce } = useStatus();
  const [apiUrl, setApiUrl] = useState(props.settings.apiUrl ?? '');
  const [timeoutSeconds, setTimeoutSeconds] = useState(String(props.settings.timeoutMs / 1000));

  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    const seconds = Number(timeoutSeconds);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) {
      announce('Timeout: enter whole seconds from 1 to 120.', 'error');
      return;
    }
    const url = apiUrl.trim();
    await call(
      api().setConnection({ apiUrl: url === '' ? null : url, timeoutMs: seconds * 1000 }),
      (settings) => `Connection saved: ${settings.effectiveApiUrl}, timeout ${settings.timeoutMs / 1000} s.`,
    );
  };

  return (
    <details className="advanced">
      <summary>Advanced</summary>
      <form onSubmit={(event) => void save(event)}>
        <div className="field">
          <label htmlFor="api-url">API endpoint</label>
          <input
            id="api-url"
            type="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            value={apiUrl}
            placeholder={props.settings.effectiveApiUrl}
            aria-describedby="api-url-hint"
            onChange={(event) => setApiUrl(event.target.value)}
          />
          <p id="api-url-hint" className="hint">
            Leave empty for VoiceTel&apos;s own. In use: {props.settings.effectiveApiUrl}
          </p>
        </div>
        <div className="field">
          <label htmlFor="timeout">Timeout (seconds)</label>
          <input
            id="timeout"
            type="number"
            min={1}
            max={120}
            step={1}
            value={timeoutSeconds}
            onChange={(event) => setTimeoutSeconds(event.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit">Save connection</button>
        </div>
      </form>
    </details>
  );
}
