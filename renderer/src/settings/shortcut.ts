/**
 * Global shortcuts as people read and press them. The field records a key press ("Ctrl+Alt+K");
 * what it records, and anything typed in the same words, is also a valid Electron accelerator, so
 * it is saved as it reads. Stored ones in Electron's own words ("CommandOrControl+…") are shown
 * in the platform's words.
 */

export type KeyPress = { key: string; code: string; ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean };

const punctuation: Record<string, string> = {
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backslash: '\\',
  Backquote: '`',
};

const named: Record<string, string> = {
  Space: 'Space',
  Enter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  PrintScreen: 'PrintScreen',
};

/** The key (not a modifier) of a press, by its position on the keyboard; null for a bare modifier or an unknown key. */
function keyName(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter !== undefined) return letter;
  const digit = /^Digit(\d)$/.exec(code)?.[1];
  if (digit !== undefined) return digit;
  const numpad = /^Numpad(\d)$/.exec(code)?.[1];
  if (numpad !== undefined) return `num${numpad}`;
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code;
  return punctuation[code] ?? named[code] ?? null;
}

/**
 * The shortcut a key press makes, or null while it is not one yet (only modifiers held) or is not
 * meant as one (no Ctrl, Alt or ⌘/Super: plain typing goes into the field as text).
 */
export function shortcutFromKeyPress(press: KeyPress, mac: boolean): string | null {
  if (!press.ctrlKey && !press.altKey && !press.metaKey) return null;
  const key = keyName(press.code);
  if (key === null) return null;
  const parts = [
    ...(mac ? (press.metaKey ? ['Cmd'] : []) : press.ctrlKey ? ['Ctrl'] : []),
    ...(mac && press.ctrlKey ? ['Ctrl'] : []),
    ...(press.altKey ? [mac ? 'Option' : 'Alt'] : []),
    ...(press.shiftKey ? ['Shift'] : []),
    ...(!mac && press.metaKey ? ['Super'] : []),
    key,
  ];
  return parts.join('+');
}

/** A stored accelerator in the platform's words: "CommandOrControl+Alt+Shift+S" → "Ctrl+Alt+Shift+S" (⌘ on macOS: "Cmd+…"). */
export function shortcutText(accelerator: string, mac: boolean): string {
  return accelerator
    .split('+')
    .map((part) => {
      const lower = part.trim().toLowerCase();
      if (lower === 'commandorcontrol' || lower === 'cmdorctrl') return mac ? 'Cmd' : 'Ctrl';
      if (lower === 'control') return 'Ctrl';
      if (lower === 'command') return 'Cmd';
      if (lower === 'return') return 'Enter';
      if (lower === 'option' && !mac) return 'Alt';
      return part;
    })
    .join('+');
}

/** Every accelerator-looking word in a message from main in the platform's words. */
export function shortcutWordsIn(message: string, mac: boolean): string {
  return message.replace(/\b[A-Za-z]+(?:\+[A-Za-z0-9]+)+\b/g, (accelerator) => shortcutText(accelerator, mac));
}

export { isMacPlatform } from '../platform';
