/** Where sends go (VoiceTel's endpoint, or another for testing) and how long to wait for an answer. */
import { useState, type SyntheticEvent } from 'react';
import { api } from '../api';
import { useStatus } from '../status';
import { useSettingsCall, type SectionProps } from './settingsCall';
import { SettingsSection } from './SettingsSection';

export function ConnectionSection(props: SectionProps) {
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
    <SettingsSection title="Connection">
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
    </SettingsSection>
  );
}
