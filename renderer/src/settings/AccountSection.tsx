/**
 * Settings for VoiceTel's v2.2 API: which API sends ("VoiceTel API version"), signing in with a
 * username and password for a key, finding the account's numbers (adding each one that can text as
 * a sender), and the balance on request. The password is sent once and dropped from this
 * component's state before the answer comes back.
 */
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { AccountNumber, BalanceInfo, Settings } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { announceApiKeyChanged } from '../apiKeyEvents';
import { useStatus } from '../status';
import { SettingsSection } from './SettingsSection';

export type AccountSectionProps = {
  settings: Settings;
  onSettingsChange: (settings: Settings) => void;
  /** A key was saved by signing in: the API key section shows it. */
  onApiKeyChanged: () => void;
};

export function AccountSection(props: AccountSectionProps) {
  return (
    <SettingsSection title="VoiceTel account">
      <ApiVersionField {...props} />
      <SignInForm onApiKeyChanged={props.onApiKeyChanged} />
      <NumbersFinder {...props} />
      <BalanceCheck />
    </SettingsSection>
  );
}

function ApiVersionField(props: AccountSectionProps) {
  const { announce } = useStatus();
  return (
    <div className="field">
      <label htmlFor="api-version">VoiceTel API version</label>
      <select
        id="api-version"
        value={props.settings.apiVersion}
        aria-describedby="api-version-hint"
        onChange={(event) => {
          const apiVersion = event.target.value === 'v2.2' ? 'v2.2' : 'v2';
          void api()
            .setApiVersion({ apiVersion })
            .then((result) => {
              if (!result.ok) {
                announce(result.error.message, 'error');
                return;
              }
              props.onSettingsChange(result.value);
              announce(`Sending with VoiceTel's ${apiVersion} API.`, 'success');
            });
        }}
      >
        <option value="v2">v2</option>
        <option value="v2.2">v2.2</option>
      </select>
      <p id="api-version-hint" className="hint">
        v2 sends at most 160 characters per message; v2.2 sends up to 10 SMS parts in one message.
      </p>
    </div>
  );
}

function SignInForm(props: { onApiKeyChanged: () => void }) {
  const { announce } = useStatus();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    if (username.trim() === '' || password === '') {
      announce('Enter your VoiceTel username and password.', 'error');
      return;
    }
    const sent = { username, password };
    // The password leaves this page's state at once, whatever the answer.
    setPassword('');
    setBusy(true);
    announce('Asking VoiceTel for your API key…');
    const result = await api().signIn(sent);
    setBusy(false);
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    props.onApiKeyChanged();
    announceApiKeyChanged();
    announce('API key saved from your VoiceTel account.', 'success');
  };

  return (
    <form className="inline-form" aria-label="Sign in to VoiceTel" onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor="voicetel-username">VoiceTel username</label>
        <input id="voicetel-username" type="text" autoComplete="username" maxLength={200} value={username} onChange={(event) => setUsername(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="voicetel-password">VoiceTel password</label>
        <input
          id="voicetel-password"
          type="password"
          autoComplete="current-password"
          maxLength={500}
          value={password}
          aria-describedby="voicetel-password-hint"
          onChange={(event) => setPassword(event.target.value)}
        />
        <p id="voicetel-password-hint" className="hint">
          Used once to get your API key, never stored. VoiceTel allows 6 tries an hour.
        </p>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          Get API key
        </button>
      </div>
    </form>
  );
}

function NumbersFinder(props: AccountSectionProps) {
  const { announce } = useStatus();
  const [numbers, setNumbers] = useState<AccountNumber[] | null>(null);
  const [busy, setBusy] = useState(false);
  const { senderNumbers, accountNumbers } = props.settings;
  const missing = accountNumbers === null ? [] : senderNumbers.filter((n) => !accountNumbers.includes(n));

  const find = async () => {
    if (busy) return;
    setBusy(true);
    announce('Looking up your VoiceTel numbers…');
    const result = await api().findNumbers();
    setBusy(false);
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    setNumbers(result.value);
    const settings = await api().getSettings();
    if (settings.ok) props.onSettingsChange(settings.value);
    const texting = result.value.filter((n) => n.canText).length;
    announce(
      result.value.length === 0
        ? 'Your VoiceTel account has no numbers.'
        : `Found ${result.value.length} ${result.value.length === 1 ? 'number' : 'numbers'}; ${texting} can text.`,
      'success',
    );
  };

  const add = async (number: string) => {
    const result = await api().addSenderNumber({ number });
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    props.onSettingsChange(result.value);
    setNumbers((current) => current?.map((n) => (n.number === number ? { ...n, isSender: true } : n)) ?? null);
    announce(`Added ${formatPhoneNumber(number)}.`, 'success');
  };

  return (
    <div className="account-numbers">
      <div className="actions">
        <button type="button" disabled={busy} aria-busy={busy} onClick={() => void find()}>
          Find my numbers
        </button>
      </div>
      {numbers !== null && numbers.length > 0 && (
        <ul aria-label="Your VoiceTel numbers">
          {numbers.map((n) => {
            const formatted = formatPhoneNumber(n.number);
            return (
              <li key={n.number}>
                <span>{formatted}</span>{' '}
                {!n.canText ? (
                  <span className="hint">cannot text: {n.reason}</span>
                ) : n.isSender || senderNumbers.includes(n.number) ? (
                  <span className="badge">sender</span>
                ) : (
                  <button type="button" aria-label={`Add ${formatted} as a sender`} onClick={() => void add(n.number)}>
                    Add as sender
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {missing.length > 0 && (
        <p className="problem" role="note">
          Not on your VoiceTel account any more: {missing.map(formatPhoneNumber).join(', ')}. Texts from{' '}
          {missing.length === 1 ? 'it' : 'them'} will fail.
        </p>
      )}
    </div>
  );
}

function BalanceCheck() {
  const { announce } = useStatus();
  const [balance, setBalance] = useState<BalanceInfo | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    // The cached figure only: VoiceTel is asked when the user presses the button.
    void api()
      .getBalance()
      .then((result) => {
        if (!cancelled && result.ok) setBalance(result.value);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const check = async () => {
    if (busy) return;
    setBusy(true);
    const result = await api().checkBalance();
    setBusy(false);
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    setBalance(result.value);
    if (result.value.problem !== null) announce(result.value.problem, 'error');
    else if (result.value.cash !== null) announce(`Balance: $${result.value.cash}`, 'success');
  };

  return (
    <div className="balance">
      <div className="actions">
        <button type="button" disabled={busy} aria-busy={busy} onClick={() => void check()}>
          Check balance
        </button>
      </div>
      {balance?.cash != null && (
        <p className="hint" id="balance">
          Balance: ${balance.cash}
          {balance.checkedAt !== null && ` (as of ${new Date(balance.checkedAt).toLocaleString()})`}
        </p>
      )}
      {balance?.retryAt != null && <p className="hint">Can be refreshed after {new Date(balance.retryAt).toLocaleTimeString()}.</p>}
    </div>
  );
}
