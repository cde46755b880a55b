import type { VoicetelApi } from '../../shared/ipc';

declare global {
  interface Window {
    /** Provided by the preload in the app, by the bridge script in the browser preview. */
    voicetel: VoicetelApi;
  }
}

export const api = (): VoicetelApi => window.voicetel;
