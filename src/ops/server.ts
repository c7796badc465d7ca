// The operations HTTP server: GET /healthz (200 or 503 with JSON) and GET /metrics (Prometheus).
// It listens on its own port (OPS_PORT) so metrics never sit on the public Slack endpoint.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Health } from './health.js';

export interface OpsServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startOpsServer(opts: {
  health: Health;
  registry: Registry;
  port: number;
  host?: string;
  log?: Logger;
}): Promise<OpsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' }).end('{"error":"method not allowed"}');
      return;
    }
    if (path === '/healthz') {
      opts.health
        .report()
        .then((report) => {
          res
            .writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
            .end(req.method === 'HEAD' ? undefined : JSON.stringify(report));
        })
        .catch((e: unknown) => fail(res, e, opts.log));
      return;
    }
    if (path === '/metrics') {
      opts.registry
        .metrics()
        .then((body) => {
          res.writeHead(200, { 'content-type': opts.registry.contentType }).end(req.method === 'HEAD' ? undefined : body);
        })
        .catch((e: unknown) => fail(res, e, opts.log));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found","paths":["/healthz","/metrics"]}');
  });
  // Keep-alive sockets from a scraper must not hold shutdown open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function fail(res: import('node:http').ServerResponse, e: unknown, log?: Logger) {
  log?.error({ err: e }, 'ops endpoint failed');
  if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
  res.end('{"error":"internal"}');
}
