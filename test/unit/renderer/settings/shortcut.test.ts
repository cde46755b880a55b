import { describe, expect, it } from 'vitest';
import { shortcutFromKeyPress, shortcutText, shortcutWordsIn } from '../../../../renderer/src/settings/shortcut';

const press = (code: string, modifiers: Partial<{ ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}) => ({
  key: '',
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...modifiers,
});

describe('shortcutFromKeyPress', () => {
  it('records Ctrl, Alt, Shift and the key by its place on the keyboard', () => {
    expect(shortcutFromKeyPress(press('KeyK', { ctrlKey: true, altKey: true }), false)).toBe('Ctrl+Alt+K');
    expect(shortcutFromKeyPress(press('KeyS', { ctrlKey: true, altKey: true, shiftKey: true }), false)).toBe('Ctrl+Alt+Shift+S');
    expect(shortcutFromKeyPress(press('F9', { metaKey: true, shiftKey: true }), false)).toBe('Shift+Super+F9');
    expect(shortcutFromKeyPress(press('Digit1', { altKey: true }), false)).toBe('Alt+1');
    expect(shortcutFromKeyPress(press('ArrowUp', { ctrlKey: true }), false)).toBe('Ctrl+Up');
  });

  it('uses ⌘ and Option on macOS', () => {
    expect(shortcutFromKeyPress(press('KeyS', { metaKey: true, altKey: true, shiftKey: true }), true)).toBe('Cmd+Option+Shift+S');
  });

  it('waits while only modifiers are held, and leaves plain typing alone', () => {
    expect(shortcutFromKeyPress(press('ControlLeft', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFromKeyPress(press('KeyS', { shiftKey: true }), false)).toBeNull();
    expect(shortcutFromKeyPress(press('KeyS'), false)).toBeNull();
  });
});

describe('shortcutText', () => {
  it('never shows Electron’s own words', () => {
    expect(shortcutText('CommandOrControl+Alt+Shift+S', false)).toBe('Ctrl+Alt+Shift+S');
    expect(shortcutText('CommandOrControl+Alt+Shift+S', true)).toBe('Cmd+Alt+Shift+S');
    expect(shortcutText('Control+Alt+M', false)).toBe('Ctrl+Alt+M');
    expect(shortcutWordsIn('"CmdOrCtrl+K" is already used. CommandOrControl+Alt+Shift+S still opens VoiceTel Tray.', false)).toBe(
      '"Ctrl+K" is already used. Ctrl+Alt+Shift+S still opens VoiceTel Tray.',
    );
  });
});
