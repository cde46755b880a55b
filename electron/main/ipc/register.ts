/**
 * Wires the contract onto Electron's ipcMain. Takes ipcMain and the sender check as parameters
 * (types only from Electron) so it runs against a fake in tests.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { channelOf, methods, type Result } from '../../../shared/ipc';
import type { Dispatch } from './dispatch';

export type SenderCheck<E = IpcMainInvokeEvent> = (event: E) => boolean;

/** The two calls used from ipcMain; Electron's own ipcMain has them, and so does a test fake. */
export type IpcMainHandlers<E = IpcMainInvokeEvent> = {
  handle(channel: string, listener: (event: E, payload: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
};

export function registerIpcHandlers<E = IpcMainInvokeEvent>(
  ipcMain: IpcMainHandlers<E>,
  dispatch: Dispatch,
  isTrustedSender: SenderCheck<E>,
): () => void {
  for (const method of methods) {
    ipcMain.handle(channelOf(method), async (event, payload): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { kind: 'forbidden', message: 'Only VoiceTel Tray’s own window may call this.' } };
      }
      return dispatch(method, payload);
    });
  }
  return () => {
    for (const method of methods) ipcMain.removeHandler(channelOf(method));
  };
}
