/** Reading what a command needs from standard input: piped text, or a typed secret without echo. */
import { CliError } from './exitCodes';

type Stdin = NodeJS.ReadStream;

/** All of standard input as UTF-8 (at most `limit` bytes, so a runaway pipe cannot eat memory). */
export async function readStdin(stdin: Stdin = process.stdin, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw new CliError('invalid-input', `Standard input is longer than ${limit} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A piped line loses its one trailing newline ("echo text |"), nothing else. */
export function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/**
 * Asks on the terminal and reads one line with echo off (raw mode), for the API key: nothing typed
 * is shown, and it never appears in the shell's history or the process list.
 */
export function promptHidden(prompt: string, stdin: Stdin = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt);
    let typed = '';
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const finish = (error: CliError | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(null);
        if (char === '\u0003') return finish(new CliError('invalid-input', 'Cancelled; nothing was saved.'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
