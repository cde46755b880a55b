/**
 * Whether the Secret Service's default collection (the "login" keyring) exists and is unlocked.
 * keytar cannot tell: reading from a locked or missing keyring just finds nothing, and only the
 * save fails. So Settings asks the Secret Service directly, through `dbus-send` (part of D-Bus on
 * every Linux desktop), and can say what is wrong before the user types a key.
 */
import { execFile } from 'node:child_process';

/** `unknown`: the question could not be asked (no dbus-send, no answer); nothing is claimed then. */
export type KeyringState = 'ok' | 'locked' | 'missing' | 'unknown';

export type InspectKeyring = () => Promise<KeyringState>;

const SECRETS = 'org.freedesktop.secrets';

function dbusSend(env: NodeJS.ProcessEnv, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'dbus-send',
      ['--session', '--print-reply', '--reply-timeout=3000', `--dest=${SECRETS}`, ...args],
      { env, timeout: 5_000, encoding: 'utf8' },
      (error, stdout) => resolve(error === null ? stdout : null),
    );
  });
}

/** The `object path "…"` of a dbus-send reply. */
function objectPathOf(reply: string): string | null {
  return /object path "([^"]*)"/.exec(reply)?.[1] ?? null;
}

export async function inspectSecretService(env: NodeJS.ProcessEnv = process.env): Promise<KeyringState> {
  const alias = await dbusSend(env, ['/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.ReadAlias', 'string:default']);
  const collection = alias === null ? null : objectPathOf(alias);
  if (collection === null) return 'unknown';
  // The Secret Service answers "/" for an alias that names no collection.
  if (collection === '/') return 'missing';
  if (!/^\/org\/freedesktop\/secrets\/[A-Za-z0-9_/]+$/.test(collection)) return 'unknown';
  const locked = await dbusSend(env, [collection, 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked']);
  if (locked === null) return 'unknown';
  if (/boolean true/.test(locked)) return 'locked';
  if (/boolean false/.test(locked)) return 'ok';
  return 'unknown';
}
