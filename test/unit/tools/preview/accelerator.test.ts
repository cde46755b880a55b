import { describe, expect, it } from 'vitest';
import { acceleratorProblem } from '../../../../tools/preview/accelerator';

describe('acceleratorProblem', () => {
  it.each(['CommandOrControl+Alt+Shift+S', 'Ctrl+F5', 'Alt+Plus', 'Super+Space', 'CmdOrCtrl+Shift+1'])('accepts %s', (accelerator) => {
    expect(acceleratorProblem(accelerator)).toBeNull();
  });

  it('says why a shortcut is refused', () => {
    expect(acceleratorProblem('S')).toBe('A global shortcut needs at least one modifier (Ctrl, Alt, Shift), or "S" would stop working in every other app.');
    expect(acceleratorProblem('Hyper+S')).toBe('"Hyper" is not a modifier key; use Ctrl, Alt, Shift or Super (Cmd or Option on a Mac).');
    expect(acceleratorProblem('Ctrl+Foo')).toBe('"Foo" is not a key VoiceTel Tray knows; end the shortcut with a letter, a digit or a named key such as F5.');
    expect(acceleratorProblem('Ctrl+')).toBe('"Ctrl+" is not a shortcut: write it like Ctrl+Alt+Shift+S (the plus key is "Plus").');
    expect(acceleratorProblem('Ctrl++')).not.toBeNull();
    expect(acceleratorProblem('Ctrl+F25')).not.toBeNull();
  });
});
