import type { SystemIntegrationControl } from './lifecycle/systemIntegration';

/**
 * What the handlers need from whatever hosts them: the Electron shell in the app, a stand-in in
 * the browser preview. Plain functions, so handlers never see a window or an Electron module.
 */
export type ShellHooks = {
  hidePopup(): void;
  /**
   * Registers `accelerator` as the compose hotkey, keeping `previous` until the new one is held.
   * Returns null on success, or why it was refused (another app holds it, say).
   */
  applyHotkey(accelerator: string, previous: string): string | null;
  applyLaunchAtLogin(enabled: boolean): void | Promise<void>;
  /** Puts text on the system clipboard ("Copy code"); absent where there is no clipboard to reach. */
  writeClipboard?(text: string): void;
  /** The sms: link opt-in and the Wayland facts; absent where there is no OS to integrate with. */
  systemIntegration?: SystemIntegrationControl;
  /**
   * Asks the user, somewhere the page cannot draw or click (a native dialog), whether the API key
   * may be sent to `host` from now on. Resolves to null when they confirmed; otherwise why not.
   * A host without a way to ask leaves this out, and such a change is refused.
   */
  confirmEndpoint?(request: { host: string; url: string }): Promise<string | null>;
};
