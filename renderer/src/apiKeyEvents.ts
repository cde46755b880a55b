/**
 * Told whenever the saved API key changes (saved, replaced by signing in, removed), so views that
 * stay mounted (Compose's "no key" notice) can look again.
 */
const API_KEY_CHANGED = 'voicetel:api-key-changed';

export function announceApiKeyChanged(): void {
  window.dispatchEvent(new Event(API_KEY_CHANGED));
}

export function onApiKeyChanged(listener: () => void): () => void {
  window.addEventListener(API_KEY_CHANGED, listener);
  return () => window.removeEventListener(API_KEY_CHANGED, listener);
}
