/**
 * The unread count and whether anything changed, asked of main every few seconds while the popup
 * is on screen (main has no push channel the browser preview could carry, and the call is cheap:
 * it reads from disk only what another process on the data folder added since).
 */
import { useCallback, useEffect, useState } from 'react';
import type { MessagesStatus } from '../../../shared/ipc';
import { api } from '../api';

const REFRESH_MS = 2000;

export function useMessagesStatus(): { status: MessagesStatus | null; refresh: () => void; setStatus: (status: MessagesStatus) => void } {
  const [status, setStatus] = useState<MessagesStatus | null>(null);
  const refresh = useCallback(() => {
    void api()
      .getMessagesStatus()
      .then((result) => {
        if (result.ok) setStatus(result.value);
      });
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return { status, refresh, setStatus };
}

/** The tab's accessible name: "Messages", or "Messages, 3 unread". */
export function messagesTabName(unread: number): string {
  return unread > 0 ? `Messages, ${String(unread)} unread` : 'Messages';
}
