/**
 * The composition root shared by the Electron shell and the browser preview: opens the stores,
 * builds the services and the validated dispatch. Whatever differs between the two hosts comes in
 * as a parameter (how a store is opened, the keychain loader, the shell hooks).
 */
import { createApiKeyHandlers } from './handlers/apiKey';
import { createContactHandlers } from './handlers/contacts';
import { createSendHandlers } from './handlers/send';
import { createSettingsHandlers } from './handlers/settings';
import { createWindowHandlers } from './handlers/window';
import { createDispatch, type Dispatch, type DispatchLog, type Handlers } from './ipc/dispatch';
import { ApiKeyVault, loadKeytar, type LoadKeychain } from './services/apiKeyVault';
import { Notices } from './services/notices';
import type { SendListener } from './services/sendSms';
import { settingsStoreOptions, type SettingsStore, type StoreFactory } from './services/settingsStore';
import type { ShellHooks } from './shellHooks';

export type AppServicesOptions = {
  openStore: StoreFactory;
  env: NodeJS.ProcessEnv;
  shell: ShellHooks;
  loadKeychain?: LoadKeychain;
  fetch?: typeof fetch;
  /** Told about every send, e.g. the tray icon and notifications. */
  sendListeners?: SendListener[];
  log?: DispatchLog;
};

export type AppServices = {
  settings: SettingsStore;
  vault: ApiKeyVault;
  notices: Notices;
  handlers: Handlers;
  dispatch: Dispatch;
};

export function createAppServices(options: AppServicesOptions): AppServices {
  const settings = options.openStore(settingsStoreOptions());
  const vault = new ApiKeyVault(options.loadKeychain ?? loadKeytar);
  const notices = new Notices();

  const handlers: Handlers = {
    ...createSendHandlers({
      vault,
      settings,
      env: options.env,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      listeners: options.sendListeners ?? [],
    }),
    ...createApiKeyHandlers(vault),
    ...createSettingsHandlers(settings, options.env, options.shell),
    ...createWindowHandlers(options.shell, notices),
    ...createContactHandlers(),
  };

  return { settings, vault, notices, handlers, dispatch: createDispatch(handlers, options.log) };
}
