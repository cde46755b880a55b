/** messages.jsonl on a real file: a write cut short never swallows the next batch. */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { MessageLog, parseStoredLine, type StoredMessage } from '../../../../../../electron/main/services/conversations/messageLog';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function message(id: string, text: string): StoredMessage {
  return {
    id,
    conversation: '5551230000:5552340001',
    at: '2026-11-26T10:00:00.000Z',
    seenAt: '2026-11-26T10:00:01.000Z',
    direction: 'in',
    ours: '5551230000',
    them: '5552340001',
    text,
    type: 'sms',
    origin: 'voicetel',
  };
}

it('after a torn write the next batch starts on its own line, so only the fragment is lost', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'voicetel-message-log-'));
  dirs.push(dir);
  const log = new MessageLog(join(dir, 'messages.jsonl'));
  await log.append([message('vt:sms:1', 'first')]);
  // What a full disk leaves: half a line, no newline (this instance's own earlier write ended cleanly).
  appendFileSync(log.path, JSON.stringify(message('vt:sms:2', 'cut short')).slice(0, 40));
  await log.append([message('vt:sms:3', 'after')]);

  const read = (await log.wholeLinesFrom(0)).lines.map((line) => parseStoredLine(line.text)?.id ?? null);
  expect(read).toEqual(['vt:sms:1', null, 'vt:sms:3']);
});

it('leaves a last line still being written (no newline yet) for the next look', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'voicetel-message-log-'));
  dirs.push(dir);
  const log = new MessageLog(join(dir, 'messages.jsonl'));
  await log.append([message('vt:sms:1', 'first')]);
  const whole = JSON.stringify(message('vt:sms:2', 'arriving'));
  appendFileSync(log.path, whole.slice(0, 30));

  const first = await log.wholeLinesFrom(0);
  expect(first.lines.map((line) => parseStoredLine(line.text)?.id)).toEqual(['vt:sms:1']);
  expect(first.end).toBe(Buffer.byteLength(`${JSON.stringify(message('vt:sms:1', 'first'))}\n`));

  appendFileSync(log.path, `${whole.slice(30)}\n`);
  const next = await log.wholeLinesFrom(first.end);
  expect(next.lines.map((line) => parseStoredLine(line.text)?.id)).toEqual(['vt:sms:2']);
  expect(await log.wholeLinesUpTo(first.end)).toEqual([JSON.stringify(message('vt:sms:1', 'first'))]);
});
