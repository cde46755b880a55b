/** How many recent recipients To offers and Contacts lists. */
import { useState, type SyntheticEvent } from 'react';
import { api } from '../api';
import { useStatus } from '../status';
import { useSettingsCall, type SectionProps } from './settingsCall';
import { SettingsSection } from './SettingsSection';

export function RecentContactsSection(props: SectionProps) {
  const call = useSettingsCall(props.onSettingsChange);
  const { announce } = useStatus();
  const [recentLimit, setRecentLimit] = useState(String(props.settings.recentLimit));

  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    const limit = Number(recentLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      announce('Recent contacts to keep: enter a whole number from 1 to 100.', 'error');
      return;
    }
    await call(api().setRecentLimit({ limit }), `Keeping the ${limit} most recent contacts.`);
  };

  return (
    <SettingsSection title="Recent contacts">
      <form className="inline-form" onSubmit={(event) => void save(event)}>
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
    </SettingsSection>
  );
}
