/**
 * `npm run fake-voicetel -- [--port N] [--api-key K] [--source NUMBER ...]`
 *
 * Runs the fake VoiceTel SMS endpoint on 127.0.0.1 for trying the app by hand or driving it from
 * another process. Prints the endpoint URL on a line of its own once listening, then a short legend,
 * then one line per request it receives (the API key is never printed, only whether it matched).
 */
import { parseArgs } from 'node:util';
import { parsePhoneNumber } from '../shared/phone';
import {
  DEFAULT_API_KEY,
  DEFAULT_NUMBERS,
  DEFAULT_PASSWORD,
  MAGIC_DESTINATIONS,
  SCENARIOS,
  SCENARIO_DESCRIPTIONS,
  describeRequest,
  startFakeVoicetel,
} from './fake-voicetel/server';

function usage(): string {
  const magic = Object.entries(MAGIC_DESTINATIONS).map(([number, scenario]) => `  ${number}  ${scenario}`);
  const scenarios = SCENARIOS.map((name) => `  ${name.padEnd(22)} ${SCENARIO_DESCRIPTIONS[name]}`);
  return [
    'Usage: npm run fake-voicetel -- [--port N] [--api-key KEY] [--source NUMBER]...',
    '',
    'A fake VoiceTel on 127.0.0.1 that records every request: the v2 SMS endpoint (POST /v2/sms/)',
    'and the v2.2 REST API (/v2.2/messages, /v2.2/auth, /v2.2/numbers, /v2.2/account, /v2.2/account/api-key).',
    '',
    'Options:',
    '  --port N          port to listen on (default 0: any free port; the URL is printed)',
    `  --api-key KEY     the key it accepts (default ${DEFAULT_API_KEY})`,
    `  --source NUMBER   a number on the fake account that can text; repeat for several (default ${DEFAULT_NUMBERS.map((n) => `${n.number} ${n.messaging}`).join(', ')})`,
    '  --balance USD     the balance GET /v2.2/account reports (default 12.50)',
    '  --help            this text',
    '',
    'Scenarios (POST /__fake/scenario {"scenario": NAME} answers every request that way;',
    "'success', the default, checks the request like VoiceTel and then the destination):",
    ...scenarios,
    '',
    "Magic destinations (in the default 'success' mode):",
    ...magic,
    '',
    'Control endpoints: GET /__fake/requests (JSON), POST /__fake/scenario, POST /__fake/reset.',
    'Point the app at it with VOICETEL_API_URL=<the printed URL>.',
  ].join('\n');
}

function fail(message: string): never {
  process.stderr.write(`fake-voicetel: ${message}\nRun with --help for usage.\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        'api-key': { type: 'string' },
        source: { type: 'string', multiple: true },
        balance: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help === true) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be a whole number from 0 to 65535, not "${values.port ?? ''}".`);
  const apiKey = values['api-key'] ?? DEFAULT_API_KEY;
  if (apiKey.trim() === '') fail('--api-key must not be empty.');
  const sourceNumbers = values.source?.map((raw) => {
    const number = parsePhoneNumber(raw);
    return number.ok ? number.number : fail(`--source ${number.message}`);
  });
  const balance = values.balance === undefined ? undefined : Number(values.balance);
  if (balance !== undefined && !Number.isFinite(balance)) fail(`--balance must be a number of dollars, not "${values.balance ?? ''}".`);

  let fake;
  try {
    fake = await startFakeVoicetel({
      port,
      apiKey,
      ...(sourceNumbers === undefined ? {} : { sourceNumbers }),
      ...(balance === undefined ? {} : { balance }),
      onRequest: (request) => process.stdout.write(`${describeRequest(request)}\n`),
    });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : null;
    fail(code === 'EADDRINUSE' ? `port ${port} is already in use; pick another or use --port 0.` : String(error));
  }

  process.stdout.write(
    [
      fake.url,
      `  API key: ${apiKey === DEFAULT_API_KEY ? `${DEFAULT_API_KEY} (the default)` : '(as given with --api-key)'}`,
      `  Numbers on the account: ${fake.v22.numbers.map((n) => `${n.number} (${n.messaging})`).join(', ')}`,
      `  v2.2 sign-in: ${fake.v22.username} / ${fake.v22.password === DEFAULT_PASSWORD ? DEFAULT_PASSWORD : '(as configured)'} · balance $${fake.v22.balance.toFixed(2)}`,
      `  Failures on demand: send to ${Object.entries(MAGIC_DESTINATIONS)
        .map(([number, scenario]) => `${number} (${scenario})`)
        .join(', ')}`,
      `  Requests so far: ${fake.origin}/__fake/requests · --help for all scenarios · Ctrl+C to stop`,
      '',
    ].join('\n'),
  );

  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
