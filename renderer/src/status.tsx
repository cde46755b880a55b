/**
 * The one status region of the popup: the latest result (sent, failed, saved) in a polite live
 * region that every view shares, so a screen reader hears each outcome once and a sighted user
 * sees it wherever they are.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type StatusTone = 'info' | 'success' | 'error';

export type StatusApi = { announce: (message: string, tone?: StatusTone) => void };

type StatusState = { message: string; tone: StatusTone; serial: number };

const StatusContext = createContext<StatusApi | null>(null);

export function StatusProvider(props: { children: ReactNode }) {
  const [status, setStatus] = useState<StatusState>({ message: '', tone: 'info', serial: 0 });

  const announce = useCallback((message: string, tone: StatusTone = 'info') => {
    setStatus((previous) => ({ message, tone, serial: previous.serial + 1 }));
  }, []);
  const api = useMemo<StatusApi>(() => ({ announce }), [announce]);

  return (
    <StatusContext.Provider value={api}>
      {props.children}
      <div role="status" className={`status status-${status.tone}`} data-tone={status.tone}>
        {/* A new node per announcement, so the same words said twice are read twice. */}
        <span key={status.serial}>{status.message}</span>
      </div>
    </StatusContext.Provider>
  );
}

export function useStatus(): StatusApi {
  const api = useContext(StatusContext);
  if (api === null) throw new Error('useStatus() must be used inside <StatusProvider>.');
  return api;
}
