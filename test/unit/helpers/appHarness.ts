/**
 * Builds the real app services (real handlers, real dispatch, real conf files in a temp directory)
 * for tests that are not about the keychain itself. Only the keychain is stood in for, by a small
 * in-memory one: the real one is tested on its own in test/keychain.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices } from '../../../electron/main/appServices';
import type { Keychain } from '../../../electron/main/services/apiKeyVault';
import { confStoreFactory } from '../../../electron/main/services/confStore';
import type { Dispatch } from '../../../electron/main/ipc/dispatch';
import type { ShellHooks } from '../../../electron/main/shellHooks';
import type { Method, RequestOf, ResponseOf, Result } from '../../../shared/ipc';

/** The dispatch as the renderer sees it through `window.voicetel`: answers typed by the contract. */
export type TypedDispatch = <M extends Method>(method: M, request: RequestOf<M>) => Promise<Result<ResponseOf<M>>>;

export function typed(dispatch: Dispatch): TypedDispatch {
  // Sound because dispatch parses every answer with the method's response schema before returning it.
  return (method, request) => dispatch(method, request) as Promise<Result<ResponseOf<typeof method>>>;
}

export class MemoryKeychain implements Keychain {
  readonly entries = new Map<string, string>();

  getPassword(service: string, account: string): Promise<string | null> {
    return Promise.resolve(this.entries.get(`${service}/${account}`) ?? null);
  }

  setPassword(service: string, account: string, password: string): Promise<void> {
    this.entries.set(`${service}/${account}`, password);
    return Promise.resolve();
  }

  deletePassword(service: string, account: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(`${service}/${account}`));
  }
}

export type ShellCalls = {
  hidePopup: number;
  hotkeys: string[];
  launchAtLogin: boolean[];
  /** Every endpoint the shell was asked to confirm. */
  endpointConfirmations: { host: string; url: string }[];
  /** What the user answers to the next confirmation: null confirms; a reason refuses (the default). */
  endpointAnswer: string | null;
  clipboard: string[];
};

export function recordingShell(): { shell: ShellHooks; calls: ShellCalls } {
  const calls: ShellCalls = {
    hidePopup: 0,
    hotkeys: [],
    launchAtLogin: [],
    endpointConfirmations: [],
    endpointAnswer: 'you did not confirm it.',
    clipboard: [],
  };
  return {
    calls,
    shell: {
      hidePopup: () => {
        calls.hidePopup += 1;
      },
      applyHotkey: (accelerator) => {
        calls.hotkeys.push(accelerator);
        return null;
      },
      writeClipboard: (text) => {
        calls.clipboard.push(text);
      },
      applyLaunchAtLogin: (enabled) => {
        calls.launchAtLogin.push(enabled);
      },
      confirmEndpoint: (request) => {
        calls.endpointConfirmations.push(request);
        return Promise.resolve(calls.endpointAnswer);
      },
    },
  };
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `voicetel-tray-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export type Harness = Omit<AppServices, 'dispatch'> & {
  dispatch: TypedDispatch;
  dataDir: string;
  keychain: MemoryKeychain;
  shellCalls: ShellCalls;
};

/**
 * Where the harness points VoiceTel unless a test says otherwise: a closed port on this machine,
 * so no test ever reaches the real VoiceTel (saving a key checks it there).
 */
export const UNREACHABLE_ENDPOINT = 'http://127.0.0.1:9/v2/sms/';

/** Opens the app's services on `dataDir` (a fresh temp dir unless given, to re-open the same files). */
export function openApp(options: { dataDir?: string; env?: NodeJS.ProcessEnv; keychain?: MemoryKeychain } = {}): Harness {
  const dataDir = options.dataDir ?? makeTempDir('data');
  const keychain = options.keychain ?? new MemoryKeychain();
  const { shell, calls } = recordingShell();
  const services = createAppServices({
    openStore: confStoreFactory(dataDir),
    env: options.env ?? { VOICETEL_API_URL: UNREACHABLE_ENDPOINT },
    shell,
    loadKeychain: () => Promise.resolve(keychain),
  });
  return { ...services, dispatch: typed(services.dispatch), dataDir, keychain, shellCalls: calls };
}

/** Every file under `dir` with its contents, for "the key is in no file" checks. */
export function filesUnder(dir: string): { path: string; content: string }[] {
  const found: { path: string; content: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path));
    else found.push({ path, content: readFileSync(path, 'latin1') });
  }
  return found;
}
