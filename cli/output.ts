/**
 * What the command line prints: plain lines for people (colour only on a terminal, never with
 * NO_COLOR), one JSON document on stdout with --json. Errors go to stderr as "voicetel-sms: ...",
 * or with --json as {"ok":false,"error":{...}} on stdout, so a script reads one place.
 */
import type { ErrorKind } from '../shared/ipc';

type Stream = { isTTY?: boolean; write(text: string): unknown };

export function useColour(stream: Stream, env: NodeJS.ProcessEnv): boolean {
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const codes = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22] } as const;
export type Style = keyof typeof codes;

export class Output {
  private readonly colourOut: boolean;
  private readonly colourErr: boolean;

  constructor(
    readonly json: boolean,
    private readonly stdout: Stream = process.stdout,
    private readonly stderr: Stream = process.stderr,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.colourOut = useColour(stdout, env);
    this.colourErr = useColour(stderr, env);
  }

  style(text: string, style: Style, stream: 'out' | 'err' = 'out'): string {
    if (!(stream === 'out' ? this.colourOut : this.colourErr)) return text;
    const [on, off] = codes[style];
    return `\u001b[${on}m${text}\u001b[${off}m`;
  }

  /** True when nothing printed on stdout is coloured (not a terminal, or NO_COLOR). */
  get plain(): boolean {
    return !this.colourOut;
  }

  line(text = ''): void {
    this.stdout.write(`${text}\n`);
  }

  /** Text exactly as given: output made in one piece (or earlier, see contactsListCache.ts). */
  raw(text: string): void {
    this.stdout.write(text);
  }

  /** A remark for people on stderr (never part of --json output). */
  note(text: string): void {
    this.stderr.write(`${this.style('note:', 'yellow', 'err')} ${text}\n`);
  }

  data(value: unknown): void {
    this.stdout.write(this.dataText(value));
  }

  /** What data() prints for `value`. */
  dataText(value: unknown): string {
    return `${JSON.stringify(value, null, 2)}\n`;
  }

  error(kind: ErrorKind | 'usage', message: string, details?: Record<string, unknown>): void {
    if (this.json) {
      this.data({ ok: false, error: { kind, message, ...(details ? { details } : {}) } });
      return;
    }
    this.stderr.write(`${this.style('voicetel-sms:', 'red', 'err')} ${message}\n`);
  }
}
