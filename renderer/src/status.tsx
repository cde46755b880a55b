/**
 * The one status region of the popup: the latest result (sent, failed, saved) in a polite live
 * region, so a screen reader hears each outcome once and a sighted user sees it at the bottom.
 *
 * Each message belongs to the view it came from (the nearest <StatusScope>): the bar shows the
 * open view's latest message only, so "Saved Bob" in Contacts does not follow the user to
 * Compose, and a result that arrives for a view left meanwhile waits there. Messages said
 * outside any scope (a settings file that cannot be read) concern the whole popup and show in
 * every view that has nothing newer of its own.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export type StatusTone = 'info' | 'success' | 'error';

export type StatusApi = {
  announce: (message: string, tone?: StatusTone) => void;
  /** Clears this view's message, or only `message` when given and still shown (its cause is gone). */
  clear: (message?: string) => void;
};

type StatusState = { message: string; tone: StatusTone; serial: number };

const GLOBAL = '';

/** Stable for the provider's life, so announcing re-renders only the bar, not every view. */
type Board = {
  say: (scope: string, message: string, tone: StatusTone) => void;
  clear: (scope: string, message?: string) => void;
};

const BoardContext = createContext<Board | null>(null);
const ScopeContext = createContext<string>(GLOBAL);

export function StatusProvider(props: { children: ReactNode; activeView: string }) {
  const [byScope, setByScope] = useState<Record<string, StatusState>>({});
  const serial = useRef(0);

  const say = useCallback((scope: string, message: string, tone: StatusTone) => {
    serial.current += 1;
    const next = serial.current;
    setByScope((current) => ({ ...current, [scope]: { message, tone, serial: next } }));
  }, []);
  const clear = useCallback((scope: string, message?: string) => {
    setByScope((current) => {
      const shown = current[scope];
      if (shown === undefined || (message !== undefined && shown.message !== message)) return current;
      const { [scope]: _removed, ...rest } = current;
      return rest;
    });
  }, []);
  const board = useMemo<Board>(() => ({ say, clear }), [say, clear]);

  const own = byScope[props.activeView];
  const global = byScope[GLOBAL];
  const shown = own !== undefined && (global === undefined || own.serial > global.serial) ? own : global;

  return (
    <BoardContext.Provider value={board}>
      {props.children}
      <footer className="status-bar">
        <div role="status" className={`status status-${shown?.tone ?? 'info'}`} data-tone={shown?.tone ?? 'info'}>
          {/* A new node per announcement, so the same words said twice are read twice. */}
          <span key={shown?.serial ?? 0}>{shown?.message ?? ''}</span>
        </div>
      </footer>
    </BoardContext.Provider>
  );
}

/** Everything inside says its messages for `view`. */
export function StatusScope(props: { view: string; children: ReactNode }) {
  return <ScopeContext.Provider value={props.view}>{props.children}</ScopeContext.Provider>;
}

export function useStatus(): StatusApi {
  const board = useContext(BoardContext);
  const scope = useContext(ScopeContext);
  if (board === null) throw new Error('useStatus() must be used inside <StatusProvider>.');
  const { say, clear } = board;
  return useMemo<StatusApi>(
    () => ({
      announce: (message, tone = 'info') => say(scope, message, tone),
      clear: (message) => clear(scope, message),
    }),
    [say, clear, scope],
  );
}
