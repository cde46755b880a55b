/**
 * The global compose hotkey. A new accelerator is registered before the old one is let go, and
 * registration is checked (another app may hold the key), so the user always keeps a hotkey
 * that works.
 */
import { parsePhoneNumber } from '../../../shared/phone';
import type { GlobalShortcutLike } from './electronSurface';

export class Hotkey {
  private current: string | null = null;

  constructor(
    private readonly shortcuts: GlobalShortcutLike,
    private readonly onPress: () => void,
  ) {}

  /** The accelerator that is registered now, if any. */
  get registered(): string | null {
    return this.current;
  }

  /**
   * Registers `accelerator`, then releases the one held before. Returns null on success, or why
   * it was refused; on refusal the previous hotkey stays registered.
   */
  apply(accelerator: string): string | null {
    if (accelerator === this.current && this.shortcuts.isRegistered(accelerator)) return null;
    let accepted: boolean;
    try {
      accepted = this.shortcuts.register(accelerator, this.onPress);
    } catch {
      // Electron throws on a string it cannot read as a key combination.
      return `"${accelerator}" is not a key combination VoiceTel Tray understands, e.g. Ctrl+Alt+Shift+S.${this.keeping()}`;
    }
    if (!accepted || !this.shortcuts.isRegistered(accelerator)) {
      if (accepted) this.shortcuts.unregister(accelerator);
      return `${accelerator} is already used by another application or by the system.${this.keeping()}`;
    }
    if (this.current !== null && this.current !== accelerator) this.shortcuts.unregister(this.current);
    this.current = accelerator;
    return null;
  }

  private keeping(): string {
    return this.current === null ? '' : ` ${this.current} still opens VoiceTel Tray.`;
  }

  /** Does what pressing the hotkey does (for the Electron end-to-end suite, which has no keyboard hook). */
  trigger(): void {
    this.onPress();
  }

  /** Lets go of every hotkey the app holds (on quit). */
  releaseAll(): void {
    this.shortcuts.unregisterAll();
    this.current = null;
  }
}


/** The clipboard's text as a recipient, when it is one phone number and nothing else. */
export function phoneNumberFromClipboard(text: string): string | null {
  const trimmed = text.trim();
  // A long paste (a document, a log) is not a phone number, however many digits it holds.
  if (trimmed === '' || trimmed.length > 40 || trimmed.includes('\n')) return null;
  const parsed = parsePhoneNumber(trimmed);
  return parsed.ok ? parsed.number : null;
}
