/** Runs one settings call and says how it went, in the Settings view's status. */
import type { Result, Settings } from '../../../shared/ipc';
import { useStatus, type StatusTone } from '../status';

export type SectionProps = { settings: Settings; onSettingsChange: (settings: Settings) => void };

/** What to say once a call succeeded: words, or words and a tone (a refused hotkey is an error). */
export type Outcome = string | { message: string; tone: StatusTone };

/** On success stores the answer and says `done`; on failure says why. Resolves to whether it worked. */
export function useSettingsCall(onSettingsChange: (settings: Settings) => void) {
  const { announce } = useStatus();
  return async (call: Promise<Result<Settings>>, done: Outcome | ((settings: Settings) => Outcome)): Promise<boolean> => {
    const result = await call;
    if (!result.ok) {
      announce(result.error.message, 'error');
      return false;
    }
    onSettingsChange(result.value);
    const outcome = typeof done === 'function' ? done(result.value) : done;
    if (typeof outcome === 'string') announce(outcome, 'success');
    else announce(outcome.message, outcome.tone);
    return true;
  };
}
