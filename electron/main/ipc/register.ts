/**
 * Wires the contract onto Electron's ipcMain. Takes ipcMain and the sender check as parameters
 * (types only from Electron) so it runs against a fake in tests.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelOf, methods, type Result } from '../../../shared/ipc';
import type { Dispatch } from './dispatch';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  isTrustedSender: SenderCheck,
): () => void {
  for (const method of methods) {
    ipcMain.handle(channelOf(method), async (event, payload: unknown): Promise<Result<unknown>> => {
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
