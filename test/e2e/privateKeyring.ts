/**
 * A private D-Bus session with its own unlocked GNOME Keyring, so the end-to-end tests use a real
 * Secret Service without ever touching the keychain of the person running them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export type PrivateKeyring = { busAddress: string; stop(): void };

/**
 * `unlocked`: a login keyring, unlocked (what a desktop session has). `locked`: the same, then
 * locked. `missing`: the Secret Service runs but no login keyring was ever created.
 */
export type KeyringSetup = 'unlocked' | 'locked' | 'missing';

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) {
      reject(new Error(`${what}: no stdout`));
      return;
    }
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(line.trim()));
    child.once('error', (error) => reject(new Error(`${what} could not start: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`${what} exited (${code ?? 'signal'}) before it was ready`)));
  });
}

function secretServiceIsUp(busAddress: string): boolean {
  const probe = spawnSync(
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
    { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress }, encoding: 'utf8' },
  );
  return probe.status === 0 && /boolean true/.test(probe.stdout);
}

function dbusSend(busAddress: string, args: string[]): string {
  const call = spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.secrets', ...args], {
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
    encoding: 'utf8',
  });
  if (call.status !== 0) throw new Error(`dbus-send ${args.join(' ')} failed: ${call.stderr}`);
  return call.stdout;
}

export async function startPrivateKeyring(setup: KeyringSetup = 'unlocked'): Promise<PrivateKeyring> {
  const home = mkdtempSync(join(tmpdir(), 'voicetel-e2e-keyring-'));
  const runtimeDir = join(home, 'run');
  mkdirSync(runtimeDir, { mode: 0o700 });
  // No display: a locked or missing keyring must never pop an unlock prompt on the tester's screen.
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: runtimeDir, DISPLAY: '', WAYLAND_DISPLAY: '' };

  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const busAddress = await firstLine(bus, 'dbus-daemon');

  // --unlock reads the new login keyring's password from stdin and leaves it unlocked; without it
  // no login keyring is created.
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', ...(setup === 'missing' ? [] : ['--unlock']), '--components=secrets'], {
    env: { ...env, DBUS_SESSION_BUS_ADDRESS: busAddress },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  keyring.stdin.end(setup === 'missing' ? '' : 'voicetel-e2e');

  const stop = () => {
    keyring.kill();
    bus.kill();
    rmSync(home, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 100 && !secretServiceIsUp(busAddress); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!secretServiceIsUp(busAddress)) {
    stop();
    throw new Error('gnome-keyring-daemon did not provide org.freedesktop.secrets on the private bus (is gnome-keyring installed?).');
  }
  if (setup === 'locked') {
    const login = /object path "([^"]+)"/.exec(dbusSend(busAddress, ['/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.ReadAlias', 'string:default']))?.[1];
    if (login === undefined || login === '/') throw new Error('the private keyring has no login collection to lock');
    dbusSend(busAddress, ['/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', `array:objpath:${login}`]);
  }
  return { busAddress, stop };
}
