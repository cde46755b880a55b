/**
 * Settings, one section per subject, each with its own heading and its own Save (or saved as it
 * changes): the API key, sender numbers, the hotkey, startup, recent contacts, the connection,
 * the VoiceTel account (v2.2), messages.
 * Every outcome goes to the status bar; a refused value stays in its box. A new subject is a new
 * section component added to the list below.
 */
import { useState } from 'react';
import type { Settings } from '../../../shared/ipc';
import { AccountSection } from './AccountSection';
import { ApiKeySection } from './ApiKeySection';
import { ConnectionSection } from './ConnectionSection';
import { HotkeySection } from './HotkeySection';
import { RecentContactsSection } from './RecentContactsSection';
import { SenderNumbersSection } from './SenderNumbersSection';
import { StartupSection } from './StartupSection';
import { MessagesSettingsSection } from '../messages/MessagesSettings';
import { SystemIntegration } from './SystemIntegration';

export type SettingsViewProps = {
  settings: Settings | null;
  onSettingsChange: (settings: Settings) => void;
};

export function SettingsView(props: SettingsViewProps) {
  const { settings, onSettingsChange } = props;
  // Bumped when signing in saved a key, so the key section reads its status again.
  const [keyRevision, setKeyRevision] = useState(0);
  return (
    <div className="settings">
      <ApiKeySection key={keyRevision} />
      {settings === null ? (
        <p className="hint">Loading settings…</p>
      ) : (
        <>
          <SenderNumbersSection settings={settings} onSettingsChange={onSettingsChange} />
          <HotkeySection settings={settings} onSettingsChange={onSettingsChange} />
          <StartupSection settings={settings} onSettingsChange={onSettingsChange} />
          <RecentContactsSection settings={settings} onSettingsChange={onSettingsChange} />
          <ConnectionSection settings={settings} onSettingsChange={onSettingsChange} />
          <AccountSection
            settings={settings}
            onSettingsChange={onSettingsChange}
            onApiKeyChanged={() => setKeyRevision((revision) => revision + 1)}
          />
          <MessagesSettingsSection />
          <SystemIntegration />
        </>
      )}
    </div>
  );
}
