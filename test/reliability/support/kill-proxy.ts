// An HTTP proxy in front of the fake Slack Web API, one per bot process, so the parent knows which
// process makes each call and can SIGKILL it *inside* the platform call:
//   'before' – the request reaches the proxy, the process is killed, nothing is forwarded
//              (the platform never saw the call);
//   'after'  – forwarded, the platform acted (message posted / edited), the process is killed
//              before the response reaches it (it never learns the message's ts).
// 'pass' forwards normally. The process's death closes its sockets; nothing is answered to it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type CallFate = 'pass' | 'before' | 'after';

export interface KillProxyOptions {
  /** Base URL of the real target, e.g. the fake's `url` (`http://127.0.0.1:PORT`). */
  target: string;
  /** Decides, per Web API method (`chat.postMessage`), what happens to this call. */
  decide: (method: string) => CallFate;
  /** Kills the process behind this proxy (synchronously sends SIGKILL). */
  kill: (method: string, fate: Exclude<CallFate, 'pass'>) => void;
}

export interface KillProxy {
  /** For WebClient's `slackApiUrl` (ends in `/api/`). */
  apiUrl: string;
  close(): Promise<void>;
}

export async function startKillProxy(opts: KillProxyOptions): Promise<KillProxy> {
  const target = new URL(opts.target);
  let killed = false;
  const server = http.createServer((req, res) => {
    req.on('error', () => {});
    res.on('error', () => {});
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (killed) return; // a dead process's last bytes: drop them
      const url = req.url ?? '/';
      const method = url.startsWith('/api/') ? url.slice('/api/'.length).split('?')[0]! : url;
      const fate = opts.decide(method);
      if (fate === 'before') {
        killed = true;
        opts.kill(method, fate);
        return;
      }
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: url, method: req.method, headers: req.headers },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            if (fate === 'after') {
              killed = true;
              opts.kill(method, fate);
              return;
            }
            if (killed) return;
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(Buffer.concat(body));
          });
          up.on('error', () => res.destroy());
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
