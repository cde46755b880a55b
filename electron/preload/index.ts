/**
 * Exposes `window.voicetel`, one function per contract method, and nothing else: the renderer
 * never sees ipcRenderer. Sandboxed, so this file must stay self-contained (no schemas here; main
 * validates every payload).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PopupShownEvent, VoicetelApi } from '../../shared/ipc';
import { channelOf, methodNames, popupShownChannel } from '../../shared/ipcChannels';

const invokers = Object.fromEntries(
  methodNames.map((method) => [method, (request?: unknown) => ipcRenderer.invoke(channelOf(method), request)]),
);

const api = {
  ...invokers,
  onPopupShown: (listener: (event: PopupShownEvent) => void) => {
    const forward = (_event: IpcRendererEvent, payload: PopupShownEvent) => listener(payload);
    ipcRenderer.on(popupShownChannel, forward);
    return () => {
      ipcRenderer.removeListener(popupShownChannel, forward);
    };
  },
} as VoicetelApi;

contextBridge.exposeInMainWorld('voicetel', api);
