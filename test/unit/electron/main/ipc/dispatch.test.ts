import { afterEach, describe, expect, it } from 'vitest';
import { AppError, createDispatch, type Handlers } from '../../../../../electron/main/ipc/dispatch';
import { openApp, removeDir, type Harness } from '../../../helpers/appHarness';

const opened: Harness[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) removeDir(app.dataDir);
});

/** The app's real handlers, with some replaced for the case at hand. */
function handlersWith(overrides: Partial<Handlers>): Handlers {
  const app = openApp();
  opened.push(app);
  return { ...app.handlers, ...overrides };
}

describe('createDispatch', () => {
  it('refuses a method the contract does not name', async () => {
    const dispatch = createDispatch(handlersWith({}));
    expect(await dispatch('readFile', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { kind: 'invalid-request', message: 'Unknown method "readFile".' },
    });
  });

  it('refuses a method inherited from Object rather than crashing', async () => {
    const dispatch = createDispatch(handlersWith({}));
    const result = await dispatch('toString', undefined);
    expect(result).toEqual({ ok: false, error: { kind: 'invalid-request', message: 'Unknown method "toString".' } });
  });

  it('answers a bad payload with invalid-request and never runs the handler', async () => {
    let ran = 0;
    const log: string[] = [];
    const dispatch = createDispatch(
      handlersWith({
        sendSms: () => {
          ran += 1;
          return { to: '5551234567', from: '5551230000', serverMessage: null, transactionGuid: null };
        },
      }),
      (line) => log.push(line),
    );

    const result = await dispatch('sendSms', { to: 5551234567, from: '5551230000' });

    expect(ran).toBe(0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-request');
    expect(result.error.message).toMatch(/^Invalid request for sendSms: to: .+; message: .+/);
    expect(log).toHaveLength(1);
  });

  it('refuses an oversized payload before the handler sees it', async () => {
    let ran = 0;
    const dispatch = createDispatch(
      handlersWith({
        saveDraft: () => {
          ran += 1;
          return undefined;
        },
      }),
    );
    const result = await dispatch('saveDraft', { to: '', from: '', message: 'x'.repeat(5001) });
    expect(ran).toBe(0);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });

  it('strips from the answer every field the contract does not name', async () => {
    const dispatch = createDispatch(
      handlersWith({
        getApiKeyStatus: () => {
          const status = { hasKey: true, keychainProblem: null, apiKey: 'secret-from-the-vault' };
          return status;
        },
      }),
    );
    const result = await dispatch('getApiKeyStatus', undefined);
    expect(result).toEqual({ ok: true, value: { hasKey: true, keychainProblem: null } });
    expect(JSON.stringify(result)).not.toContain('secret-from-the-vault');
  });

  it('turns an answer that breaks the contract into an internal error', async () => {
    const log: string[] = [];
    const dispatch = createDispatch(
      handlersWith({ getDraft: () => ({ to: 'x', from: 'y' }) as unknown as { to: string; from: string; message: string } }),
      (line) => log.push(line),
    );
    expect(await dispatch('getDraft', undefined)).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'VoiceTel Tray produced a bad answer for getDraft.' },
    });
    expect(log[0]).toMatch(/^bad answer from getDraft: message:/);
  });

  it('carries a thrown AppError across as data, details included', async () => {
    const dispatch = createDispatch(
      handlersWith({
        setDefaultSender: () => {
          throw new AppError('not-found', '(555) 999-0000 is not one of your sender numbers.', { number: '5559990000' });
        },
      }),
    );
    expect(await dispatch('setDefaultSender', { number: '5559990000' })).toEqual({
      ok: false,
      error: { kind: 'not-found', message: '(555) 999-0000 is not one of your sender numbers.', details: { number: '5559990000' } },
    });
  });

  it('turns any other throw into an internal error with its message, and logs it', async () => {
    const log: string[] = [];
    const dispatch = createDispatch(
      handlersWith({
        listHistory: () => {
          throw new Error('disk on fire');
        },
      }),
      (line) => log.push(line),
    );
    expect(await dispatch('listHistory', undefined)).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'Something went wrong inside VoiceTel Tray: disk on fire' },
    });
    expect(log).toEqual(['listHistory failed: Something went wrong inside VoiceTel Tray: disk on fire']);
  });

  it('hands the handler the parsed request, without fields the contract does not name', async () => {
    let received: unknown = null;
    const dispatch = createDispatch(
      handlersWith({
        addSenderNumber: (request) => {
          received = request;
          throw new AppError('invalid-input', 'stop here');
        },
      }),
    );
    await dispatch('addSenderNumber', { number: '555 123 4567', __proto__injected: true, admin: true });
    expect(received).toEqual({ number: '555 123 4567' });
  });

  it('answers a full, read-only or forbidden disk with a storage error naming the file, never internal', async () => {
    const cases = [
      ['ENOSPC', 'the disk is full'],
      ['EDQUOT', 'your disk quota is used up'],
      ['EROFS', 'the disk is read-only'],
      ['EACCES', 'VoiceTel Tray is not allowed to write there (check the permissions)'],
      ['EPERM', 'VoiceTel Tray is not allowed to write there (check the permissions)'],
    ] as const;
    for (const [code, reason] of cases) {
      const log: string[] = [];
      const dispatch = createDispatch(
        handlersWith({
          saveDraft: () => {
            throw Object.assign(new Error(`${code}: failed, open '/data/settings.json'`), { code, path: '/data/settings.json', syscall: 'open' });
          },
        }),
        (line) => log.push(line),
      );
      expect(await dispatch('saveDraft', { to: '', from: '', message: 'hi' })).toEqual({
        ok: false,
        error: { kind: 'storage', message: `A file could not be written: ${reason} (/data/settings.json).` },
      });
      expect(log).toEqual([]);
    }
  });
});
