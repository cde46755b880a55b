/**
 * voicetel-sms as a user or a script meets it: the built binary, spawned, against the fake VoiceTel
 * server and the app's own services on the same temp data directory. Keys come from
 * VOICETEL_API_KEY here; the keychain itself is tested in test/keychain/ (private keyring).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../electron/main/appServices';
import { confStoreFactory } from '../../electron/main/services/confStore';
import { ContactsService } from '../../electron/main/services/contacts';
import { openContactsFile } from '../../electron/main/services/contactsFile';
import { Notices } from '../../electron/main/services/notices';
import type { HistoryEntry } from '../../shared/ipc';
import { startFakeVoicetel, type FakeVoicetel } from '../../tools/fake-voicetel/server';
import { typed, type TypedDispatch } from '../unit/helpers/appHarness';
import { baseEnv, buildTestCli, runCli, runProcess, tempDir, type CliRun } from './harness';

const packageVersion = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
const ESC = '\u001b[';

let cli: Awaited<ReturnType<typeof buildTestCli>>;
let fake: FakeVoicetel;
let home: Awaited<ReturnType<typeof tempDir>>;
let dataDir: string;

beforeAll(async () => {
  cli = await buildTestCli('main');
  fake = await startFakeVoicetel();
}, 120_000);
afterAll(async () => {
  await fake.close();
  await cli.remove();
});
beforeEach(async () => {
  fake.reset();
  home = await tempDir('home');
  dataDir = join(home.path, 'data');
  await mkdir(dataDir);
});
afterEach(async () => {
  await home.remove();
});

/** The environment of a script: the fake server, the temp data dir, a key from the environment, no keychain. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...baseEnv(home.path),
    VOICETEL_TRAY_DATA_DIR: dataDir,
    VOICETEL_API_URL: fake.url,
    VOICETEL_API_KEY: fake.apiKey,
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home.path, 'no-such-bus')}`,
    ...extra,
  };
}

function run(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliRun> {
  return runCli(cli.entry, args, { env: options.env ?? env(), ...(options.input === undefined ? {} : { input: options.input }) });
}

/** The app (popup, preview) on the same data directory: the same composition root they use. */
function app(): TypedDispatch {
  return typed(
    createAppServices({
      openStore: confStoreFactory(dataDir),
      env: { VOICETEL_API_URL: fake.url },
      shell: { hidePopup: () => undefined, applyHotkey: () => null, applyLaunchAtLogin: () => undefined },
    }).dispatch,
  );
}

async function appValue<T>(call: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function setUpApp(): Promise<TypedDispatch> {
  const dispatch = app();
  await appValue(dispatch('addSenderNumber', { number: '555-123-0000' }));
  return dispatch;
}

describe('start-up, help and usage', () => {
  it('--version prints the package version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });
  });

  it('--help lists the commands, the environment and the exit codes', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const text of ['send [options] <text...>', 'contacts', 'history [options]', 'key', 'VOICETEL_API_KEY', '4 rejected by VoiceTel', '6 keychain problem']) {
      expect(stdout).toContain(text);
    }
  });

  it.each([
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['send', 'hello'], "error: required option '-t, --to <recipient>' not specified"],
    [['send', '--to', '5551234567'], "error: missing required argument 'text'"],
    [['history', '--limit', '0'], "error: option '-n, --limit <count>' argument '0' is invalid. expected a whole number of 1 or more."],
    [['contacts'], 'Usage: voicetel-sms contacts [options] [command]'],
    [['contacts', 'export', 'x', '--format', 'pdf'], "error: option '--format <format>' argument 'pdf' is invalid. Allowed choices are csv, vcard."],
    [['key', 'set', 'my-secret-key'], "error: too many arguments for 'set'. Expected 0 arguments but got 1."],
  ])('%j is a usage error (exit 2): %s', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('send', () => {
  it('sends to a contact added in the app, by name; the running app then has it in History and recents', async () => {
    const dispatch = await setUpApp();
    await appValue(dispatch('saveContact', { name: 'Ann Lee', number: '(555) 123-4567' }));
    // The app has read its (empty) history and recents before the shell sends: what it shows next
    // must come from the file the other process appended to, not from a fresh start.
    expect(await appValue(dispatch('listHistory', undefined))).toEqual([]);
    expect(await appValue(dispatch('listRecents', undefined))).toEqual([]);

    const result = await run(['send', '--to', 'Ann Lee', 'Running late, there in 10']);
    expect(result).toEqual({ code: 0, stdout: 'Sent to Ann Lee (555) 123-4567 from (555) 123-0000 (VoiceTel: Accepted for delivery)\n', stderr: '' });
    expect(fake.requests.map((r) => [r.apiKeyMatched, r.fields])).toEqual([
      [true, { destination: '5551234567', source: '5551230000', messageText: 'Running late, there in 10' }],
    ]);

    const history = await appValue(dispatch('listHistory', undefined));
    expect(history).toMatchObject([{ to: '5551234567', from: '5551230000', text: 'Running late, there in 10', outcome: 'sent', serverMessage: 'Accepted for delivery' }]);
    expect(await appValue(dispatch('listRecents', undefined))).toMatchObject([{ number: '5551234567' }]);
    // And in Messages: Ann's thread holds the send, once, as one of this app's.
    const conversations = await appValue(dispatch('listConversations', { query: '', limit: 10 }));
    expect(conversations.conversations).toMatchObject([{ conversation: '5551230000:5551234567', name: 'Ann Lee', lastText: 'Running late, there in 10', lastDirection: 'out', lastOutcome: 'sent' }]);
    const thread = await appValue(dispatch('getThread', { conversation: '5551230000:5551234567', before: null, limit: 50 }));
    expect(thread.messages.map((m) => [m.direction, m.origin, m.outcome, m.text])).toEqual([['out', 'app', 'sent', 'Running late, there in 10']]);
    // The popup's draft is the popup's: a send from the shell leaves it alone.
    expect(await appValue(dispatch('getDraft', undefined))).toEqual({ to: '', from: '', message: '' });
  });

  it('reads the text from standard input with "-", and --from overrides the default sender', async () => {
    const dispatch = await setUpApp();
    await appValue(dispatch('addSenderNumber', { number: '555-123-0001' }));
    await appValue(dispatch('setDefaultSender', { number: '5551230001' }));
    const result = await run(['send', '--to', '+1 (555) 123-4567', '--from', '555.123.0000', '-'], { input: 'Line one\nline two\n' });
    expect(result.code).toBe(0);
    expect(fake.requests.map((r) => [r.fields.source, r.fields.messageText])).toEqual([['5551230000', 'Line one\nline two']]);
  });

  it('an ambiguous name lists the candidates and sends nothing (exit 3)', async () => {
    const dispatch = await setUpApp();
    await appValue(dispatch('saveContact', { name: 'Ann Lee', number: '5551234567' }));
    await appValue(dispatch('saveContact', { name: 'Ann Smith', number: '5551230002' }));

    const result = await run(['send', '--to', 'ann', 'hi']);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr: 'voicetel-sms: To: "ann" could be 2 contacts; nothing was sent. Use the number or the full name:\n  Ann Lee (555) 123-4567\n  Ann Smith (555) 123-0002\n',
    });
    const json = await run(['send', '--json', '--to', 'ann', 'hi']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', details: { candidates: [{ name: 'Ann Lee', number: '5551234567' }, { name: 'Ann Smith', number: '5551230002' }] } },
    });
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    [['--to', 'Bob', 'hi'], 'voicetel-sms: To: no saved contact is called "Bob" (see: voicetel-sms contacts list).'],
    [['--to', '555 1234', 'hi'], 'voicetel-sms: To: "555 1234" is too short: a US number has 10 digits.'],
    [['--to', '5551234567', 'x'.repeat(161)], 'voicetel-sms: The message is 161 characters; VoiceTel takes at most 160. Shorten it by 1.'],
    [['--to', '5551234567', '--from', '123', 'hi'], 'voicetel-sms: From: "123" is too short: a US number has 10 digits.'],
  ])('refuses bad input before any request (exit 3): %j', async (args, message) => {
    await setUpApp();
    const result = await run(['send', ...args]);
    expect(result.code).toBe(3);
    expect(result.stderr.trim()).toBe(message);
    expect(fake.requests).toHaveLength(0);
  });

  it('without a sender number it says where to add one (exit 3)', async () => {
    const result = await run(['send', '--to', '5551234567', 'hi']);
    expect(result).toEqual({ code: 3, stdout: '', stderr: 'voicetel-sms: Add a sender number in Settings first.\n' });
  });

  it('a send VoiceTel refuses exits 4 and is recorded as failed', async () => {
    await setUpApp();
    const result = await run(['send', '--json', '--to', '5551234567', 'hi'], { env: env({ VOICETEL_API_KEY: 'not-the-right-key' }) });
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(fake.requests).toHaveLength(1);
    expect(await appValue(app()('listHistory', undefined))).toMatchObject([{ outcome: 'failed', errorKind: 'rejected' }]);
  });

  it('an HTTP error page exits 4; a dropped connection or a page that is not JSON exits 5 (may have been sent)', async () => {
    await setUpApp();
    expect((await run(['send', '--to', '5550000500', 'hi'])).code).toBe(4);
    expect((await run(['send', '--to', '5550000000', 'hi'])).code).toBe(5);
    const html = await run(['send', '--json', '--to', '5550000299', 'hi']);
    expect(html.code).toBe(5);
    expect(JSON.parse(html.stdout)).toMatchObject({ ok: false, error: { kind: 'not-json' } });
    expect(fake.requests).toHaveLength(3);
  });

  it('a timeout exits 5, after the timeout set in the app', async () => {
    const dispatch = await setUpApp();
    await appValue(dispatch('setConnection', { apiUrl: null, timeoutMs: 1000 }));
    const result = await run(['send', '--json', '--to', '5550000408', 'hi']);
    expect(result.code).toBe(5);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('with no VOICETEL_API_KEY and no keychain it exits 6 and sends nothing', async () => {
    await setUpApp();
    const noKey = env();
    delete noKey.VOICETEL_API_KEY;
    const result = await run(['send', '--to', '5551234567', 'hi'], { env: noKey });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('No keychain is running');
    expect(fake.requests).toHaveLength(0);
  });

  it('--json prints the send as one JSON document', async () => {
    await setUpApp();
    const result = await run(['--json', 'send', '--to', '5551234567', 'hi']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      sent: { to: '5551234567', from: '5551230000', serverMessage: 'Accepted for delivery', transactionGuid: null, contact: null },
    });
  });
});

describe('contacts', () => {
  it('add, list, remove: what the command line writes the app reads, and back', async () => {
    expect(await run(['contacts', 'add', 'Ann Lee', '555-123-4567', '--note', 'work', '--favorite'])).toEqual({
      code: 0,
      stdout: 'Added Ann Lee (555) 123-4567\n',
      stderr: '',
    });
    await appValue(app()('saveContact', { name: 'Bob Day', number: '5551230009' }));

    expect(await run(['contacts', 'list'])).toEqual({ code: 0, stdout: '(555) 123-4567  ★ Ann Lee  (work)\n(555) 123-0009    Bob Day\n', stderr: '' });
    const listed = JSON.parse((await run(['contacts', 'list', '--json'])).stdout) as { name: string; number: string; favorite: boolean }[];
    expect(listed.map((c) => [c.name, c.number, c.favorite])).toEqual([['Ann Lee', '5551234567', true], ['Bob Day', '5551230009', false]]);

    const duplicate = await run(['contacts', 'add', 'Ann Again', '(555) 123-4567']);
    expect(duplicate.code).toBe(3);
    expect(duplicate.stderr).toMatch(/^voicetel-sms: .*Ann Lee/);

    expect(await run(['contacts', 'remove', 'bob day'])).toEqual({ code: 0, stdout: 'Removed Bob Day (555) 123-0009\n', stderr: '' });
    expect((await appValue(app()('listContacts', undefined))).map((c) => c.name)).toEqual(['Ann Lee']);
    expect(await run(['contacts', 'remove', '5559999999'])).toEqual({ code: 3, stdout: '', stderr: 'voicetel-sms: No saved contact has the number (555) 999-9999.\n' });
  });

  it('import lists the rows it skipped; export writes a file it will not overwrite without --force', async () => {
    const csv = join(home.path, 'people.csv');
    writeFileSync(csv, 'Name,Phone\nAnn Lee,555-123-4567\nNo Number,\nBob Day,(555) 123-0009\n');
    const imported = await run(['contacts', 'import', csv]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('Imported 2 contacts; skipped 1.\n');
    expect(imported.stderr).toMatch(/^note: row 3 \(No Number\): /);

    const vcf = join(home.path, 'out.vcf');
    expect(await run(['contacts', 'export', vcf])).toEqual({ code: 0, stdout: `Exported 2 contacts to ${vcf} (vCard).\n`, stderr: '' });
    const card = readFileSync(vcf, 'utf8');
    expect(card).toContain('FN:Ann Lee');
    expect(card).toContain('BEGIN:VCARD');

    const again = await run(['contacts', 'export', vcf]);
    expect(again).toEqual({ code: 3, stdout: '', stderr: `voicetel-sms: ${vcf} already exists; nothing was written (use --force to replace it).\n` });
    expect((await run(['contacts', 'export', vcf, '--format', 'csv', '--force'])).code).toBe(0);
    expect(readFileSync(vcf, 'utf8')).toMatch(/Ann Lee/);

    const stdout = await run(['contacts', 'export', '-', '--format', 'csv']);
    expect(stdout.stdout.split(/\r?\n/)[1]).toContain('Ann Lee');

    const missing = await run(['contacts', 'import', join(home.path, 'nope.csv')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('nope.csv could not be read');
  });

  it('lists an older or damaged contacts file through the store, which migrates or recovers it and says so', async () => {
    writeFileSync(join(dataDir, 'contacts.json'), JSON.stringify({ contacts: [{ name: 'Old Timer', number: '555-123-4567' }] }));
    expect(await run(['contacts', 'list'])).toEqual({ code: 0, stdout: '(555) 123-4567    Old Timer\n', stderr: '' });
    expect((JSON.parse(readFileSync(join(dataDir, 'contacts.json'), 'utf8')) as { schemaVersion: number }).schemaVersion).toBe(2);

    writeFileSync(join(dataDir, 'contacts.json'), '{"schemaVersion": 2, "contacts": [');
    const damaged = await run(['contacts', 'list']);
    expect(damaged.code).toBe(0);
    expect(damaged.stderr).toMatch(/^note: .*contacts\.corrupt-/m);
  });

  it('a repeated list prints what the last one printed until the app changes a contact', async () => {
    const dispatch = app();
    await appValue(dispatch('saveContact', { name: 'Ann Lee', number: '5551234567' }));
    const first = await run(['contacts', 'list']);
    expect(first).toEqual({ code: 0, stdout: '(555) 123-4567    Ann Lee\n', stderr: '' });
    const json = (await run(['contacts', 'list', '--json'])).stdout;

    // What the next run prints comes from the cache beside contacts.json, made for this very file.
    const cacheFile = join(dataDir, 'contacts-list.text.cache');
    const [identity] = readFileSync(cacheFile, 'utf8').split('\n');
    expect(readFileSync(cacheFile, 'utf8')).toBe(`${identity ?? ''}\n${first.stdout}`);
    writeFileSync(cacheFile, `${identity ?? ''}\n(555) 123-4567    Ann Lee (cached)\n`);
    expect((await run(['contacts', 'list'])).stdout).toBe('(555) 123-4567    Ann Lee (cached)\n');
    expect(await run(['--json', 'contacts', 'list'])).toEqual({ code: 0, stdout: json, stderr: '' });

    await appValue(dispatch('saveContact', { name: 'Bob Day', number: '5551230009', favorite: true }));
    expect((await run(['contacts', 'list'])).stdout).toBe('(555) 123-0009  ★ Bob Day\n(555) 123-4567    Ann Lee\n');
    expect((JSON.parse((await run(['contacts', 'list', '--json'])).stdout) as { name: string }[]).map((c) => c.name)).toEqual(['Bob Day', 'Ann Lee']);
    // A list of another kind of command line, or help, is never taken from the cache.
    expect((await run(['contacts', 'list', '--help'])).stdout).toMatch(/^Usage: voicetel-sms contacts list/);
  });

  it('a reader that stops early (| head) ends the list quietly, made afresh or from the cache', async () => {
    // More than a pipe holds, so the list is still being written when head has gone.
    const contacts = new ContactsService(openContactsFile({ openStore: confStoreFactory(dataDir), notices: new Notices(), now: () => new Date() }));
    await contacts.addMany(Array.from({ length: 3000 }, (_, i) => ({ name: `Person ${String(i)}`, number: `555${String(2000000 + i)}`, note: '' })));
    const piped = () => runProcess('/bin/bash', ['-c', 'set -o pipefail; "$0" "$1" contacts list | head -c 5', process.execPath, cli.entry], { env: env() });
    expect(await piped()).toEqual({ code: 0, stdout: '(555)', stderr: '' });
    expect(await piped()).toEqual({ code: 0, stdout: '(555)', stderr: '' });
  });

  it('without VOICETEL_TRAY_DATA_DIR it uses the app’s user-data folder (~/.config/VoiceTel Tray on Linux)', async () => {
    const plain = env();
    delete plain.VOICETEL_TRAY_DATA_DIR;
    expect((await run(['contacts', 'add', 'Ann Lee', '5551234567'], { env: plain })).code).toBe(0);
    expect(existsSync(join(home.path, '.config', 'VoiceTel Tray', 'contacts.json'))).toBe(true);
    expect((await run(['contacts', 'list'], { env: { ...plain, XDG_CONFIG_HOME: join(home.path, 'elsewhere') } })).stdout).toMatch(/^No contacts yet/);
  });
});

describe('history', () => {
  it('lists the app’s history newest first, --limit and --json included', async () => {
    await setUpApp();
    for (const text of ['first', 'second', 'third']) expect((await run(['send', '--to', '5551234567', text])).code).toBe(0);
    expect((await run(['send', '--to', '5550000500', 'broken'])).code).toBe(4);

    const lines = (await run(['history'])).stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\S+Z {2}failed {2}\(555\) 000-0500: broken {2}\(.+\)$/);
    expect(lines[3]).toMatch(/^\S+Z {2}sent {4}\(555\) 123-4567: first$/);

    const json = JSON.parse((await run(['history', '--limit', '2', '--json'])).stdout) as HistoryEntry[];
    expect(json.map((e) => [e.text, e.outcome])).toEqual([['broken', 'failed'], ['third', 'sent']]);
  });
});

describe('messages', () => {
  it('lists the conversations the app received, newest first; --unread, --limit and --json; reading marks nothing read', async () => {
    const services = createAppServices({
      openStore: confStoreFactory(dataDir),
      env: { VOICETEL_API_URL: fake.url },
      shell: { hidePopup: () => undefined, applyHotkey: () => null, applyLaunchAtLogin: () => undefined },
    });
    await appValue(services.dispatch('saveContact', { name: 'Ann Lee', number: '555-123-4567' }));
    expect((await run(['messages'])).stdout).toBe('No messages yet.\n');

    const at = Date.parse('2026-11-20T10:00:00Z');
    await services.conversations.ingest(
      '5551230000',
      [
        { id: 'vt:sms:1', direction: 'in', them: '5551234567', text: 'Running late?\nCall me', atMs: at, type: 'sms' },
        { id: 'vt:sms:2', direction: 'in', them: '5559876543', text: 'Your code is 123456', atMs: at + 60_000, type: 'sms' },
      ],
      { initial: false },
    );
    const [stranger] = (await services.conversations.listConversations()).conversations;
    await services.conversations.markRead(stranger?.conversation ?? '');

    const all = await run(['messages']);
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^\S+ {2}\(555\) 987-6543: ← Your code is 123456$/),
      expect.stringMatching(/^\S+ {2}Ann Lee \(555\) 123-4567 1 unread: ← Running late\? ⏎ Call me$/),
    ]);
    expect((await run(['messages', '--unread'])).stdout).toMatch(/^\S+ {2}Ann Lee \(555\) 123-4567 1 unread: /);
    expect((await run(['messages', '--limit', '1'])).stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse((await run(['messages', '--unread', '--json'])).stdout) as { name: string | null; them: string; unread: number }[];
    expect(json).toEqual([expect.objectContaining({ name: 'Ann Lee', them: '5551234567', unread: 1 })]);
    // Looking from the shell leaves the popup's unread count alone.
    expect(services.conversations.unreadTotals().messages).toBe(1);
    expect((await run(['messages', '--unread'])).stdout).toContain('1 unread');
  });
});

describe('output conventions', () => {
  it('never colours output that is not a terminal, and never with NO_COLOR', async () => {
    await setUpApp();
    for (const extra of [{}, { NO_COLOR: '1' }, { FORCE_COLOR: '1' }]) {
      const sent = await run(['send', '--to', '5551234567', 'hi'], { env: env(extra) });
      const failed = await run(['send', '--to', 'Nobody', 'hi'], { env: env(extra) });
      expect(sent.stdout + failed.stderr).not.toContain(ESC);
    }
  });

  it('key status with no keychain says what to install and exits 6, --json too', async () => {
    const result = await run(['key', 'status', '--json']);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      hasKey: false,
      keychainProblem: expect.stringMatching(/^No keychain is running/) as unknown,
      environmentOverride: true,
    });
  });
});
