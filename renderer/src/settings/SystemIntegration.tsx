/**
 * Settings → Desktop: the opt-in to open sms: links with the app, and under Wayland, where the
 * global hotkey may never fire, the exact command to bind to a key in GNOME or KDE instead.
 */
import { useEffect, useState } from 'react';
import type { SystemIntegration as Integration } from '../../../shared/ipc';
import { api } from '../api';
import { useStatus } from '../status';

export function SystemIntegration() {
  const { announce } = useStatus();
  const [integration, setIntegration] = useState<Integration | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void api()
      .getSystemIntegration()
      .then((result) => {
        if (cancelled) return;
        if (result.ok) setIntegration(result.value);
        else announce(`Desktop integration could not be read: ${result.error.message}`, 'error');
      });
    return () => {
      cancelled = true;
    };
  }, [announce]);

  if (integration === null) return null;
  const { smsLinks, wayland } = integration;

  const toggle = async (enabled: boolean) => {
    setBusy(true);
    const result = await api().setSmsLinkHandler({ enabled });
    setBusy(false);
    if (!result.ok) {
      announce(result.error.message, 'error');
      return;
    }
    setIntegration(result.value);
    const links = result.value.smsLinks;
    if (links.problem !== null) announce(links.problem, 'error');
    else announce(links.enabled ? 'sms: links now open in VoiceTel Tray.' : 'sms: links no longer open in VoiceTel Tray.', 'success');
  };

  return (
    <section className="settings-section" aria-labelledby="desktop-heading">
      <h2 id="desktop-heading">Desktop</h2>
      <div className="field checkbox-field">
        <input
          id="sms-links"
          type="checkbox"
          checked={smsLinks.enabled}
          disabled={!smsLinks.available || busy}
          aria-describedby={smsLinks.problem !== null ? 'sms-links-hint sms-links-problem' : 'sms-links-hint'}
          onChange={(event) => void toggle(event.target.checked)}
        />
        <label htmlFor="sms-links">Open sms: links with VoiceTel Tray</label>
      </div>
      <p id="sms-links-hint" className="hint">
        A link fills in To and Message; nothing is sent until you press Send.
      </p>
      {smsLinks.problem !== null && (
        <p id="sms-links-problem" className="problem">
          {smsLinks.problem}
        </p>
      )}
      {wayland !== null && (
        <div aria-labelledby="wayland-heading">
          <h3 id="wayland-heading">Hotkey under Wayland</h3>
          <p className="hint">
            This is a Wayland session, where the hotkey may be accepted and never fire. Bind this command to a key in your
            desktop&apos;s own settings; it opens Compose, and closes the popup when it is open:
          </p>
          <pre>
            <code aria-label="Compose command">{wayland.composeCommand}</code>
          </pre>
          <ul className="hint">
            <li>
              GNOME{wayland.desktop === 'gnome' ? ' (this desktop)' : ''}: Settings → Keyboard → View and Customize Shortcuts →
              Custom Shortcuts → Add Shortcut; paste the command, then set the key.
            </li>
            <li>
              KDE Plasma{wayland.desktop === 'kde' ? ' (this desktop)' : ''}: System Settings → Keyboard → Shortcuts → Add New →
              Command or Script; paste the command, then set the key.
            </li>
          </ul>
        </div>
      )}
    </section>
  );
}
