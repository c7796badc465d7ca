// The clicking users' side of a response_url, for the closed loop in which each user waits for their
// result before clicking again (what a person does): the clicking client process hosts the
// response_url itself, so it learns the moment a result arrives without asking the stand-in Slack.
// A busy note ("Busy: …") is recorded but does not end the wait; the first other message does.

import http from 'node:http';
import net from 'node:net';
import { recordArrival, type ReplyArrival } from './latency-table.js';

export interface ReplyListener {
  /** response_url base: append the user's id. */
  base: string;
  /** Resolves true when `user`'s result has arrived (now or earlier), false after `timeoutMs`. */
  result(user: string, timeoutMs: number): Promise<boolean>;
  arrivals(): ReplyArrival[];
  close(): Promise<void>;
}

const PATH = '/r/';

export async function startReplyListener(port: number, busyPrefix: string): Promise<ReplyListener> {
  const seen = new Map<string, ReplyArrival>();
  const waiting = new Map<string, () => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.timeOrigin + performance.now();
      const id = decodeURIComponent((req.url ?? '').slice(PATH.length));
      let text = '';
      try {
        text = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: unknown }).text ?? '');
      } catch {
        // not JSON: still an arrival, counted as a result
      }
      const hadResult = seen.get(id)?.resultAt != null;
      if (recordArrival(seen, id, at, !text.startsWith(busyPrefix)).resultAt !== null && !hadResult) waiting.get(id)?.();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    base: `http://127.0.0.1:${port}${PATH}`,
    result(user, timeoutMs) {
      if (seen.get(user)?.resultAt != null) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(user);
          resolve(false);
        }, timeoutMs);
        waiting.set(user, () => {
          clearTimeout(timer);
          waiting.delete(user);
          resolve(true);
        });
      });
    },
    arrivals: () => [...seen.values()],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port free now on 127.0.0.1 (the bot must be told a response_url host before the client starts). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
