/**
 * Copies text from a click: the Clipboard API where the page may use it (the browser preview),
 * else main writes it (the app's window is refused every permission, the clipboard's included).
 */
import { api } from '../api';

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const result = await api().copyToClipboard({ text });
    return result.ok;
  }
}
