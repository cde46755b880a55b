import { describe, expect, it } from 'vitest';
import { Hotkey, phoneNumberFromClipboard } from '../../electron/main/lifecycle/hotkey';
import { DEFAULT_HOTKEY } from '../../electron/main/services/settingsStore';
import { FakeGlobalShortcut } from './fakeElectron';

function setUp() {
  const shortcuts = new FakeGlobalShortcut();
  const presses: string[] = [];
  const hotkey = new Hotkey(shortcuts, () => presses.push('pressed'));
  return { shortcuts, presses, hotkey };
}

describe('Hotkey', () => {
  it('the default is a three-modifier chord on S', () => {
    expect(DEFAULT_HOTKEY).toBe('CommandOrControl+Alt+Shift+S');
  });

  it('registers, fires, and re-applying the same key changes nothing', () => {
    const { shortcuts, presses, hotkey } = setUp();
    expect(hotkey.apply(DEFAULT_HOTKEY)).toBeNull();
    expect(hotkey.apply(DEFAULT_HOTKEY)).toBeNull();
    shortcuts.press(DEFAULT_HOTKEY);
    expect(presses).toEqual(['pressed']);
    expect(hotkey.registered).toBe(DEFAULT_HOTKEY);
  });

  it('registers the new key before releasing the old one', () => {
    const { shortcuts, hotkey } = setUp();
    hotkey.apply(DEFAULT_HOTKEY);
    expect(hotkey.apply('Alt+Shift+F9')).toBeNull();
    expect([...shortcuts.registered.keys()]).toEqual(['Alt+Shift+F9']);
  });

  it('rolls back to the working key when the new one is held elsewhere', () => {
    const { shortcuts, presses, hotkey } = setUp();
    hotkey.apply(DEFAULT_HOTKEY);
    shortcuts.heldElsewhere.add('Control+Alt+T');
    expect(hotkey.apply('Control+Alt+T')).toBe(
      `Control+Alt+T is already used by another application or by the system. ${DEFAULT_HOTKEY} still opens VoiceTel Tray.`,
    );
    expect(hotkey.registered).toBe(DEFAULT_HOTKEY);
    shortcuts.press(DEFAULT_HOTKEY);
    expect(presses).toHaveLength(1);
  });

  it('with no working key yet, says so without promising one', () => {
    const { shortcuts, hotkey } = setUp();
    shortcuts.heldElsewhere.add(DEFAULT_HOTKEY);
    expect(hotkey.apply(DEFAULT_HOTKEY)).toBe(`${DEFAULT_HOTKEY} is already used by another application or by the system.`);
    expect(hotkey.registered).toBeNull();
    // A later free key then works.
    expect(hotkey.apply('Alt+Shift+F9')).toBeNull();
  });

  it('releases everything on quit', () => {
    const { shortcuts, hotkey } = setUp();
    hotkey.apply(DEFAULT_HOTKEY);
    hotkey.releaseAll();
    expect(shortcuts.registered.size).toBe(0);
    expect(hotkey.registered).toBeNull();
  });
});

describe('phone number from the clipboard', () => {
  it('accepts the formats people copy', () => {
    for (const text of ['(555) 123-4567', '+1 555 123 4567', '555.123.4567', '15551234567', ' 5551234567\n']) {
      expect(phoneNumberFromClipboard(text)).toBe('5551234567');
    }
  });

  it('ignores anything that is not one number', () => {
    for (const text of ['', 'hello', '555-1234', '+44 20 7946 0958', 'call 555 123 4567 tomorrow please, at noon sharp', 'a\n5551234567']) {
      expect(phoneNumberFromClipboard(text)).toBeNull();
    }
  });
});
