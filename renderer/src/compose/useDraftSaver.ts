/**
 * Saves the draft a moment after typing stops, and at once when the popup is hidden or the page
 * goes away, so closing and reopening never loses what was written.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { Draft } from '../../../shared/ipc';
import { api } from '../api';

const SAVE_DELAY_MS = 400;

export type DraftSaver = {
  /** Remember `draft` and save it soon. */
  schedule: (draft: Draft) => void;
  /** Save now whatever is pending. */
  flush: () => Promise<void>;
};

/** Keeps the draft within what the contract accepts, so an overlong paste still saves. */
function clampDraft(draft: Draft): Draft {
  return { to: draft.to.slice(0, 500), from: draft.from.slice(0, 20), message: draft.message.slice(0, 5000) };
}

export function useDraftSaver(): DraftSaver {
  const pending = useRef<Draft | null>(null);
  const timer = useRef<number | null>(null);

  const flush = useCallback(async () => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    const draft = pending.current;
    if (draft === null) return;
    pending.current = null;
    await api().saveDraft(clampDraft(draft));
  }, []);

  const schedule = useCallback(
    (draft: Draft) => {
      pending.current = draft;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onPageHide = () => void flush();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      void flush();
    };
  }, [flush]);

  return { schedule, flush };
}
