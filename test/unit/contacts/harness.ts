/** The real app services on real files in a temp directory, with a clock the test controls. */
import { createAppServices, type AppServices } from '../../../electron/main/appServices';
import { confStoreFactory } from '../../../electron/main/services/confStore';
import type { IpcError, Method, RequestOf, ResponseOf, Result } from '../../../shared/ipc';
import { MemoryKeychain, makeTempDir, recordingShell } from '../helpers/appHarness';

export type TestApp = AppServices & {
  dataDir: string;
  keychain: MemoryKeychain;
  /** Calls a method through the validated dispatch, as the renderer would. */
  call<M extends Method>(method: M, ...request: RequestOf<M> extends undefined ? [] : [RequestOf<M>]): Promise<Result<ResponseOf<M>>>;
  /** Same, expecting success. */
  ok<M extends Method>(method: M, ...request: RequestOf<M> extends undefined ? [] : [RequestOf<M>]): Promise<ResponseOf<M>>;
  /** Same, expecting failure. */
  fail<M extends Method>(method: M, ...request: RequestOf<M> extends undefined ? [] : [RequestOf<M>]): Promise<IpcError>;
};

export class TestClock {
  constructor(private ms = Date.parse('2026-03-01T12:00:00.000Z')) {}
  now = (): Date => new Date(this.ms);
  advance(ms = 1000): void {
    this.ms += ms;
  }
}

export function openTestApp(options: { dataDir?: string; env?: NodeJS.ProcessEnv; keychain?: MemoryKeychain; clock?: TestClock } = {}): TestApp {
  const dataDir = options.dataDir ?? makeTempDir('contacts');
  const keychain = options.keychain ?? new MemoryKeychain();
  const clock = options.clock ?? new TestClock();
  const services = createAppServices({
    openStore: confStoreFactory(dataDir),
    env: options.env ?? {},
    shell: recordingShell().shell,
    loadKeychain: () => Promise.resolve(keychain),
    now: clock.now,
  });
  const call = async (method: Method, ...request: unknown[]): Promise<Result<never>> =>
    (await services.dispatch(method, request[0])) as Result<never>;
  return {
    ...services,
    dataDir,
    keychain,
    call,
    ok: (async (method: Method, ...request: unknown[]) => {
      const result = await call(method, ...request);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.kind}: ${result.error.message}`);
      return result.value;
    }),
    fail: (async (method: Method, ...request: unknown[]) => {
      const result = await call(method, ...request);
      if (result.ok) throw new Error(`${method} succeeded, expected a failure`);
      return result.error;
    }),
  };
}
