/**
 * Checks an Electron accelerator string ("CommandOrControl+Alt+Shift+S") without Electron, for the
 * browser preview's stand-in of the hotkey registration.
 */
const modifiers = new Set(
  ['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'].map((m) => m.toLowerCase()),
);

const namedKeys = new Set(
  [
    'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter',
    'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Esc', 'PrintScreen',
    'VolumeUp', 'VolumeDown', 'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause',
    'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
    'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
  ].map((k) => k.toLowerCase()),
);

function isKeyCode(part: string): boolean {
  if (/^[A-Za-z0-9]$/.test(part)) return true;
  if (/^F([1-9]|1\d|2[0-4])$/i.test(part)) return true;
  if (/^[)!@#$%^&*(:;'"<>?,./\\`~\-_=[\]{}|]$/.test(part)) return true;
  return namedKeys.has(part.toLowerCase());
}

/** null when `accelerator` is a usable global shortcut; otherwise what is wrong with it. */
export function acceleratorProblem(accelerator: string): string | null {
  const parts = accelerator.split('+').map((p) => p.trim());
  if (parts.some((p) => p === '')) return `"${accelerator}" is not a shortcut: write it like Ctrl+Alt+Shift+S (the plus key is "Plus").`;
  const key = parts.at(-1) ?? '';
  const mods = parts.slice(0, -1);
  const unknown = mods.find((m) => !modifiers.has(m.toLowerCase()));
  if (unknown !== undefined) return `"${unknown}" is not a modifier key; use Ctrl, Alt, Shift or Super (Cmd or Option on a Mac).`;
  if (!isKeyCode(key)) return `"${key}" is not a key VoiceTel Tray knows; end the shortcut with a letter, a digit or a named key such as F5.`;
  if (mods.length === 0) return `A global shortcut needs at least one modifier (Ctrl, Alt, Shift), or "${key}" would stop working in every other app.`;
  return null;
}
