/**
 * Settings → Messages: how often to check VoiceTel for new messages, whether notifications show
 * the text, and why checking stopped or failed (a refused key, VoiceTel unreachable), in words.
 */
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { MessageSettings } from '../../../shared/ipc';
import { api } from '../api';
import { SettingsSection } from '../settings/SettingsSection';
import { useStatus } from '../status';
import { useMessagesStatus } from './useMessagesStatus';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function MessagesSettingsSection() {
  const { announce } = useStatus();
  const [settings, setSettings] = useState<MessageSettings | null>(null);
  // Kept fresh, so a refused key shows here as soon as a check meets it.
  const { status } = useMessagesStatus();
  const [seconds, setSeconds] = useState('');

  useEffect(() => {
    void api()
      .getMessageSettings()
      .then((result) => {
        if (!result.ok) return;
        setSettings(result.value);
        setSeconds(String(result.value.pollSeconds));
      });
  }, []);

  if (settings === null) return null;

  const save = async (next: { pollSeconds: number; showMessageText: boolean }, done: string) => {
    const result = await api().setMessageSettings(next);
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    setSettings(result.value);
    announce(done, 'success');
  };

  const saveInterval = async (event: SyntheticEvent) => {
    event.preventDefault();
    const pollSeconds = Number(seconds);
    if (!Number.isInteger(pollSeconds) || pollSeconds < 10 || pollSeconds > 600) {
      announce('Check for new messages every: enter a whole number of seconds from 10 to 600.', 'error');
      return;
    }
    await save({ pollSeconds, showMessageText: settings.showMessageText }, `Checking for new messages every ${String(pollSeconds)} seconds.`);
  };

  return (
    <SettingsSection title="Messages">
      {status?.problem != null && (
        <p id="messages-problem" className="problem">
          {status.problem}
        </p>
      )}
      <form className="inline-form" onSubmit={(event) => void saveInterval(event)}>
        <div className="field">
          <label htmlFor="poll-seconds">Check for new messages every (seconds)</label>
          <input id="poll-seconds" type="number" min={10} max={600} step={1} value={seconds} aria-describedby="poll-hint" onChange={(event) => setSeconds(event.target.value)} />
          <p id="poll-hint" className="hint">
            {settings.effectivePollSeconds !== settings.pollSeconds
              ? `VOICETEL_TRAY_POLL_SECONDS sets ${String(settings.effectivePollSeconds)} s for this run.`
              : 'From 10 seconds to 10 minutes.'}
            {status?.lastCheckedAt != null ? ` Last checked ${timeFormat.format(new Date(status.lastCheckedAt))}.` : ''}
          </p>
        </div>
        <div className="actions">
          <button type="submit">Save message checking</button>
        </div>
      </form>
      <div className="field checkbox-field">
        <input
          id="show-message-text"
          type="checkbox"
          checked={settings.showMessageText}
          onChange={(event) => {
            const showMessageText = event.target.checked;
            void save(
              { pollSeconds: settings.pollSeconds, showMessageText },
              showMessageText ? 'Notifications show the message text.' : 'Notifications say only "New message".',
            );
          }}
        />
        <label htmlFor="show-message-text">Show message text in notifications</label>
      </div>
    </SettingsSection>
  );
}
