/** Launch at login: saved as soon as it is ticked, and put back if it could not be applied. */
import { useState } from 'react';
import { api } from '../api';
import { useSettingsCall, type SectionProps } from './settingsCall';
import { SettingsSection } from './SettingsSection';

export function StartupSection(props: SectionProps) {
  const call = useSettingsCall(props.onSettingsChange);
  // Shown checked at once; put back if main could not apply it.
  const [launchAtLogin, setLaunchAtLogin] = useState(props.settings.launchAtLogin);

  return (
    <SettingsSection title="Startup">
      <div className="field checkbox-field">
        <input
          id="launch-at-login"
          type="checkbox"
          checked={launchAtLogin}
          aria-describedby="launch-at-login-hint"
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
      <p id="launch-at-login-hint" className="hint">
        Saved as soon as you tick it.
      </p>
    </SettingsSection>
  );
}
