/**
 * The browser side of the preview's bridge: defines `window.voicetel` with one function per
 * contract method, each a same-origin POST to the preview server. Served as a file, not inlined,
 * because the page's Content-Security-Policy forbids inline script.
 */
import { methodNames } from '../../shared/ipcChannels';

/** Carries the run's bridge secret on every call. */
export const bridgeHeader = 'X-VoiceTel-Bridge';
/** The meta tag the server puts in the page with the bridge secret; the bridge reads and removes it. */
export const bridgeMetaName = 'voicetel-preview-bridge';
export const ipcPathPrefix = '/__voicetel/ipc/';
export const bridgeScriptPath = '/__voicetel/bridge.js';
/**
 * No tray shows a browser tab; instead a DOM event of this name (its detail a PopupShownEvent)
 * plays "main just showed the popup", for trying the focus rules and the clipboard offer by hand
 * or in a test.
 */
export const popupShownDomEvent = 'voicetel-preview:popup-shown';

/** Calls that run while the page unloads must outlive it. */
const keepaliveMethods = ['saveDraft', 'hidePopup'];

export function bridgeScriptSource(): string {
  return `// VoiceTel Tray browser preview: window.voicetel over HTTP to the preview server.
(() => {
  'use strict';
  const methods = ${JSON.stringify(methodNames)};
  const keepalive = ${JSON.stringify(keepaliveMethods)};
  // Read once and taken out of the page: only this script needs it.
  const secretTag = document.querySelector('meta[name=' + ${JSON.stringify(JSON.stringify(bridgeMetaName))} + ']');
  const secret = secretTag ? secretTag.getAttribute('content') || '' : '';
  if (secretTag) secretTag.remove();
  const failure = (message) => ({ ok: false, error: { kind: 'internal', message } });
  const call = async (method, request) => {
    let response;
    try {
      response = await fetch(${JSON.stringify(ipcPathPrefix)} + method, {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: keepalive.includes(method),
        headers: { 'Content-Type': 'application/json', ${JSON.stringify(bridgeHeader)}: secret },
        body: JSON.stringify(request === undefined ? {} : { payload: request }),
      });
    } catch (error) {
      return failure('The preview server could not be reached: ' + (error && error.message ? error.message : String(error)));
    }
    if (!response.ok) return failure('The preview server refused the call (' + response.status + '): ' + (await response.text()));
    return response.json();
  };
  const api = {};
  for (const method of methods) api[method] = (request) => call(method, request);
  api.onPopupShown = (listener) => {
    const forward = (event) => listener(event.detail);
    window.addEventListener(${JSON.stringify(popupShownDomEvent)}, forward);
    return () => window.removeEventListener(${JSON.stringify(popupShownDomEvent)}, forward);
  };
  Object.defineProperty(window, 'voicetel', { value: Object.freeze(api), enumerable: true });
})();
`;
}
