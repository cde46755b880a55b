/**
 * Messages arriving while the app runs, as the shell shows them: OS notifications (one per batch),
 * the tray's badge icon and tooltip, the app badge, a click opening the thread, "Copy code" and
 * macOS's inline reply, and polling paused while asleep or offline. The app runs against the fake
 * Electron and polls the fake VoiceTel server over loopback.
 */
import { basename } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { popupShownChannel, type MessagesStatus, type PopupShownEvent } from '../../shared/ipc';
import { startFakeVoicetel, type FakeVoicetel } from '../../tools/fake-voicetel/server';
import { settle, startTestApp, type TestApp } from './harness';
import type { FakeElectronOptions } from './fakeElectron';

const OURS = '5551230000';
const ALICE = '5552340001';
const BOB = '5552340002';

let fake: FakeVoicetel;
const open: TestApp[] = [];
beforeEach(async () => {
  fake = await startFakeVoicetel({ port: 0 });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((app) => app.close()));
  await fake.close();
});

function ok(result: unknown): unknown {
  const answer = result as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
  return answer.value;
}

const statusOf = (result: unknown): MessagesStatus => ok(result) as MessagesStatus;

/** The app with a key, a sender number and Alice as a contact, its first fetch done. */
async function launch(fakeOptions: FakeElectronOptions = {}): Promise<TestApp> {
  const app = await startTestApp({ fake: fakeOptions, env: { VOICETEL_API_URL: fake.url } });
  open.push(app);
  ok(await app.call('setApiKey', { apiKey: fake.apiKey }));
  ok(await app.call('addSenderNumber', { number: OURS }));
  ok(await app.call('saveContact', { name: 'Alice Example', number: ALICE }));
  await app.running.services.poller.checkNow();
  return app;
}

function arrive(from: string, text: string): void {
  const answer = fake.messages.inbound({ to: OURS, from, text, at: Date.now() - 1000 });
  if (answer.status !== 201) throw new Error(JSON.stringify(answer.body));
}

async function check(app: TestApp): Promise<MessagesStatus> {
  return statusOf(await app.call('checkMessagesNow'));
}

function lastShown(app: TestApp): PopupShownEvent | undefined {
  return app.popup.webContents.sent.filter((m) => m.channel === popupShownChannel).map((m) => m.args[0] as PopupShownEvent).at(-1);
}

describe('a new message', () => {
  it("raises one notification under the contact's name and marks the tray and the badge", async () => {
    const app = await launch();
    arrive(ALICE, 'Running late, 10 minutes');
    expect((await check(app)).unreadMessages).toBe(1);

    expect(app.fake.notificationsShown.map((n) => [n.title, n.body])).toEqual([['Alice Example', 'Running late, 10 minutes']]);
    expect(app.tray.toolTip).toBe('VoiceTel Tray: 1 unread message');
    expect(basename(app.tray.iconPath)).toBe('tray-light-unread.png');
    expect(app.fake.app.badgeCounts.at(-1)).toBe(1);
    // Linux notifications get no buttons and no inline reply.
    expect(app.fake.notificationsShown[0]?.actions).toBeUndefined();
    expect(app.fake.notificationsShown[0]?.hasReply).toBeUndefined();

    app.fake.notificationsShown[0]?.onClick?.();
    await settle();
    expect(app.popup.visible).toBe(true);
    expect(lastShown(app)).toEqual({ reason: 'notification', view: 'messages', clipboardNumber: null, conversation: `${OURS}:${ALICE}` });

    ok(await app.call('markConversationRead', { conversation: `${OURS}:${ALICE}` }));
    expect(app.tray.toolTip).toBe('VoiceTel Tray');
    expect(basename(app.tray.iconPath)).toBe('tray-light.png');
    expect(app.fake.app.badgeCounts.at(-1)).toBe(0);
  });

  it('several arriving together give one summary notification', async () => {
    const app = await launch();
    arrive(ALICE, 'First');
    arrive(BOB, 'Second');
    arrive(ALICE, 'Third');
    await check(app);
    expect(app.fake.notificationsShown.map((n) => [n.title, n.body])).toEqual([['3 new messages', 'Alice Example: Third\n(555) 234-0002: Second']]);
    expect(app.tray.toolTip).toBe('VoiceTel Tray: 3 unread messages');
    app.fake.notificationsShown[0]?.onClick?.();
    expect(lastShown(app)).toEqual({ reason: 'notification', view: 'messages', clipboardNumber: null });
  });

  it('says only "New message" when the user turned message text off', async () => {
    const app = await launch();
    ok(await app.call('setMessageSettings', { pollSeconds: 30, showMessageText: false }));
    arrive(BOB, 'A private matter');
    await check(app);
    expect(app.fake.notificationsShown.map((n) => [n.title, n.body])).toEqual([['(555) 234-0002', 'New message']]);
  });

  it('is not announced while the popup is open', async () => {
    const app = await launch();
    app.tray.click();
    await settle();
    arrive(ALICE, 'hello');
    await check(app);
    expect(app.fake.notificationsShown).toEqual([]);
    expect(app.tray.toolTip).toBe('VoiceTel Tray: 1 unread message');
  });
});

describe('on macOS', () => {
  it('offers "Copy code" for a one-time code and answers from the notification', async () => {
    const app = await launch({ platform: 'darwin' });
    arrive(ALICE, 'Your verification code is 482913');
    await check(app);
    const [shown] = app.fake.notificationsShown;
    expect(shown?.actions).toEqual([{ type: 'button', text: 'Copy code' }]);
    expect(shown?.hasReply).toBe(true);
    expect(app.tray.title).toBe('1');

    shown?.onAction?.(0);
    expect(app.fake.clipboardText).toBe('482913');

    shown?.onReply?.('Thanks!');
    await new Promise((done) => setTimeout(done, 300));
    const sent = fake.requests.filter((r) => r.path === '/v2/sms/');
    expect(sent.map((r) => [r.fields.source, r.fields.destination, r.fields.messageText])).toEqual([[OURS, ALICE, 'Thanks!']]);
    // Answering reads the thread.
    expect(app.tray.toolTip).toBe('VoiceTel Tray');
  });
});

describe('polling and the machine', () => {
  it('pauses while asleep and checks again at once on wake', async () => {
    const app = await launch();
    app.fake.powerMonitor.emit('suspend');
    expect(statusOf(await app.call('getMessagesStatus'))).toMatchObject({ state: 'paused', pausedFor: ['asleep'], nextCheckAt: null });
    arrive(ALICE, 'while you slept');
    const before = fake.messages.listRequests.length;
    app.fake.powerMonitor.emit('resume');
    await new Promise((done) => setTimeout(done, 500));
    expect(fake.messages.listRequests.length).toBe(before + 2);
    expect(app.fake.notificationsShown.map((n) => n.body)).toEqual(['while you slept']);
  });

  it('pauses while offline and resumes on reconnection', async () => {
    const app = await startTestApp({ env: { VOICETEL_API_URL: fake.url }, onlineCheckMs: 20 });
    open.push(app);
    app.fake.online = false;
    await new Promise((done) => setTimeout(done, 100));
    expect(statusOf(await app.call('getMessagesStatus'))).toMatchObject({ state: 'paused', pausedFor: ['offline'] });
    app.fake.online = true;
    await new Promise((done) => setTimeout(done, 100));
    expect(statusOf(await app.call('getMessagesStatus')).pausedFor).toEqual([]);
  });
});
