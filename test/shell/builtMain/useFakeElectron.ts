/**
 * Loaded with `node --import tsx --import ./useFakeElectron.ts out/main/index.js`: makes every
 * `import ... from 'electron'` (the app's and electron-store's) load the fake Electron module, so
 * the built main bundle runs in plain Node.
 */
import { register } from 'node:module';

const fakeUrl = new URL('./fakeElectronModule.ts', import.meta.url).href;
const resolveHook = `
export async function resolve(specifier, context, nextResolve) {
  // Through the rest of the chain, so tsx still compiles the TypeScript fake.
  if (specifier === 'electron') return nextResolve(${JSON.stringify(fakeUrl)}, context);
  return nextResolve(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(resolveHook)}`);
