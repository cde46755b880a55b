/**
 * The VoiceTel client's send round trip against the fake server on loopback, over a raw `fetch` of
 * the same multipart request (goal ≤ 1.10): what the client adds (building the body, the timeout
 * signal, reading and classifying the answer) must cost little next to the request itself.
 *
 * Both go to the same server through the same connection pool; each iteration runs one of each, in
 * alternating order, so drift on the machine hits both alike. The figure is the median of the
 * per-iteration ratios.
 *
 * Run alone with `npx tsx bench/clientRoundTrip.ts`, or through `npm run bench`.
 */
import { pathToFileURL } from 'node:url';
import { sendSmsRequest, type SmsRequest } from '../electron/main/services/voicetelClient';
import { startFakeVoicetel } from '../tools/fake-voicetel/server';
import { median, type BenchLine } from './types';

const WARMUP = 200;
const ITERATIONS = 2000;
const GOAL = 1.1;

/** The request a hand-written client would make: the four fields as multipart, the JSON answer read. */
function rawRequest(sms: SmsRequest): { contentType: string; body: string } {
  const boundary = '----RawFetchBenchBoundary7MA4YWxkTrZu0gW';
  const fields = { apikey: sms.apiKey, destination: sms.destination, source: sms.source, messageText: sms.messageText };
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: `${parts.join('')}--${boundary}--\r\n` };
}

export async function run(): Promise<BenchLine[]> {
  const fake = await startFakeVoicetel();
  try {
    const sms: SmsRequest = {
      apiKey: fake.apiKey,
      destination: '5551234567',
      source: fake.sourceNumbers[0] ?? '5551230000',
      messageText: 'Running ten minutes late, start without me.',
    };
    const raw = rawRequest(sms);

    const viaClient = async (): Promise<void> => {
      await sendSmsRequest(sms, { endpoint: fake.url, timeoutMs: 15_000 });
    };
    const viaRawFetch = async (): Promise<void> => {
      const response = await fetch(fake.url, { method: 'POST', headers: { 'content-type': raw.contentType }, body: raw.body });
      const answer = (await response.json()) as { status?: unknown };
      if (answer.status !== 'Success') throw new Error('the fake server did not accept the raw request');
    };
    const time = async (send: () => Promise<void>): Promise<number> => {
      const started = process.hrtime.bigint();
      await send();
      return Number(process.hrtime.bigint() - started) / 1e3;
    };

    const clientTimes: number[] = [];
    const rawTimes: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < WARMUP + ITERATIONS; i += 1) {
      let client: number;
      let bare: number;
      if (i % 2 === 0) {
        client = await time(viaClient);
        bare = await time(viaRawFetch);
      } else {
        bare = await time(viaRawFetch);
        client = await time(viaClient);
      }
      if (i < WARMUP) continue;
      clientTimes.push(client);
      rawTimes.push(bare);
      ratios.push(client / bare);
    }
    // Every request reached the server and was recorded (up to its cap): nothing was skipped.
    if (fake.requests.some((request) => request.answeredWith !== 'success')) throw new Error('a benchmark request was not accepted');

    const ratio = median(ratios);
    return [
      { name: `client send round trip (median of ${String(ITERATIONS)})`, value: Number(median(clientTimes).toFixed(0)), unit: 'µs' },
      { name: `raw fetch of the same request (median of ${String(ITERATIONS)})`, value: Number(median(rawTimes).toFixed(0)), unit: 'µs' },
      { name: 'client round trip / raw fetch', value: Number(ratio.toFixed(3)), unit: 'ratio', goal: `≤ ${GOAL.toFixed(2)}`, ok: ratio <= GOAL },
    ];
  } finally {
    await fake.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await run()) console.log(`${line.name}: ${String(line.value)} ${line.unit}${line.goal === undefined ? '' : ` (goal ${line.goal})`}`);
}
