/**
 * Real HTTP servers on loopback that misbehave the way a hostile or broken server would: echo the
 * key back transformed, answer endlessly, drip, compress a bomb, redirect. Each records what it did
 * so tests can assert on it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Hostile = {
  url: string;
  origin: string;
  /** Requests received, with their bodies. */
  requests: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[];
  /** Body bytes written to clients so far. */
  bytesWritten: number;
  /** Resolves when a client connection closed (e.g. the client gave up reading). */
  connectionClosed: Promise<void>;
  close(): Promise<void>;
};

type Handler = (request: IncomingMessage & { body: string }, response: ServerResponse, self: Hostile) => void;

export async function startHostile(handler: Handler): Promise<Hostile> {
  let markClosed: () => void = () => undefined;
  const self: Hostile = {
    url: '',
    origin: '',
    requests: [],
    bytesWritten: 0,
    connectionClosed: new Promise<void>((resolve) => {
      markClosed = resolve;
    }),
    close: () => Promise.resolve(),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      self.requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      handler(Object.assign(request, { body }), response, self);
    });
  });
  server.on('connection', (socket) => socket.on('close', () => markClosed()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  self.origin = `http://127.0.0.1:${port}`;
  self.url = `${self.origin}/v2/sms/`;
  self.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return self;
}

/** The apikey field of a multipart body as sent by the client. */
export function sentKey(body: string): string {
  return /name="apikey"\r\n\r\n([^\r]*)/.exec(body)?.[1] ?? '';
}

/** Writes `chunk` again and again (respecting back-pressure) until `total` bytes or the client leaves. */
export function writeEndlessly(response: ServerResponse, self: Hostile, chunk: Buffer, total: number): void {
  const pump = (): void => {
    while (self.bytesWritten < total && !response.destroyed) {
      self.bytesWritten += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  response.on('error', () => undefined);
  pump();
}
