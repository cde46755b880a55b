/**
 * The compose hotkey. Pressing a combination in the field records it ("Ctrl+Alt+K"); typing it out
 * works too. Main registers the new one before releasing the old; a refusal keeps the old one and
 * says why, as an error.
 */
import { useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { api } from '../api';
import { useStatus } from '../status';
import { useSettingsCall, type SectionProps } from './settingsCall';
import { SettingsSection } from './SettingsSection';
import { isMacPlatform, shortcutFromKeyPress, shortcutText, shortcutWordsIn } from './shortcut';

export function HotkeySection(props: SectionProps) {
  const mac = isMacPlatform();
  const call = useSettingsCall(props.onSettingsChange);
  const { announce } = useStatus();
  const [hotkey, setHotkey] = useState(shortcutText(props.settings.hotkey, mac));
  const inUse = shortcutText(props.settings.hotkey, mac);
  const problem = props.settings.hotkeyProblem === null ? null : shortcutWordsIn(props.settings.hotkeyProblem, mac);

  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    const accelerator = hotkey.trim();
    if (accelerator === '') {
      announce(`Press the keys you want in Hotkey first, e.g. ${mac ? 'Cmd+Option+Shift+S' : 'Ctrl+Alt+Shift+S'}.`, 'error');
      return;
    }
    await call(api().setHotkey({ accelerator }), (settings) => {
      const now = shortcutText(settings.hotkey, mac);
      return settings.hotkeyProblem === null
        ? `Hotkey is now ${now}.`
        : { message: `Hotkey kept as ${now}: ${shortcutWordsIn(settings.hotkeyProblem, mac)}`, tone: 'error' };
    });
  };

  const record = (event: KeyboardEvent<HTMLInputElement>) => {
    const shortcut = shortcutFromKeyPress(event, mac);
    if (shortcut === null) return;
    // The combination is the value; the keys do nothing else here (no Select all, no tab switch).
    event.preventDefault();
    event.stopPropagation();
    setHotkey(shortcut);
  };

  return (
    <SettingsSection title="Hotkey">
      <form className="inline-form" onSubmit={(event) => void save(event)}>
        <div className="field">
          {/* The section's title already says "Hotkey"; the label is for screen readers only. */}
          <label htmlFor="hotkey" className="visually-hidden">
            Hotkey
          </label>
          <input
            id="hotkey"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            value={hotkey}
            aria-describedby={problem === null ? 'hotkey-hint' : 'hotkey-hint hotkey-problem'}
            onKeyDown={record}
            onChange={(event) => setHotkey(event.target.value)}
          />
          <p id="hotkey-hint" className="hint">
            Press the new combination here, then Save. Opens the popup from anywhere. In use: {inUse}
          </p>
          {problem !== null && (
            <p id="hotkey-problem" className="field-error">
              {problem}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit">Save hotkey</button>
        </div>
      </form>
    </SettingsSection>
  );
}
