/**
 * Main checks the message text itself, whatever the renderer let through: a message of only
 * invisible characters, or one with half a UTF-16 pair, is refused before any request, and the
 * draft that holds it is kept exactly as typed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeVoicetel, type FakeVoicetel } from '../../../../../tools/fake-voicetel/server';
import { openApp, removeDir, type Harness } from '../../../helpers/appHarness';

const API_KEY = 'message-text-key-0a1b2c3d4e5f6071';
let fake: FakeVoicetel;
const dirs: string[] = [];

beforeAll(async () => {
  fake = await startFakeVoicetel({ apiKey: API_KEY, sourceNumbers: ['5551230000'] });
});
afterEach(() => {
  fake.reset();
  for (const dir of dirs.splice(0)) removeDir(dir);
});
afterAll(() => fake.close());

async function readyApp(dataDir?: string): Promise<Harness> {
  const app = openApp({ env: { VOICETEL_API_URL: fake.url }, ...(dataDir === undefined ? {} : { dataDir }) });
  if (!dirs.includes(app.dataDir)) dirs.push(app.dataDir);
  await app.dispatch('setApiKey', { apiKey: API_KEY });
  // Saving the key checked it with VoiceTel (GET /v2.2/auth); the tests count sends only.
  fake.reset();
  return app;
}

describe('sendSms refuses text that is not a message', () => {
  it.each([
    ['zero-width spaces', '\u200B\u200B', 'The message is only invisible characters (spaces, zero-width or formatting marks); write something to send.'],
    ['direction overrides and a joiner', '\u202E \u2066\u200D', 'The message is only invisible characters (spaces, zero-width or formatting marks); write something to send.'],
    ['a lone surrogate', 'Running late \uD83D', 'Character 14 of the message is broken (half of an emoji or symbol); delete it and type it again.'],
  ])('%s: invalid-input, nothing sent, the draft kept exactly', async (_name, message, expected) => {
    const first = await readyApp();
    await first.dispatch('saveDraft', { to: '5551234567', from: '5551230000', message });
    expect(await first.dispatch('sendSms', { to: '5551234567', from: '5551230000', message })).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: expected },
    });
    expect(fake.requests).toHaveLength(0);
    // After a restart the draft holds the very same UTF-16 units, lone surrogate included.
    const reopened = await readyApp(first.dataDir);
    const draft = await reopened.dispatch('getDraft', undefined);
    expect(draft).toEqual({ ok: true, value: { to: '5551234567', from: '5551230000', message } });
  });
});
