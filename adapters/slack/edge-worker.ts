// Worker thread entry: the Slack HTTP front door (edge.ts) on an event loop of its own. Node 20
// accepts one connection per event-loop turn (libuv 1.45+), so on the bot's busy loop a burst of
// new connections waited seconds in the kernel's accept queue; here the turns are short and acks
// do not wait behind the core's work (docs/reliability.md, "Fifth pass").
import { parentPort, workerData } from 'node:worker_threads';
import { SlackEdge, type EdgeResponse } from './edge.js';
import type { EdgeFromMain, EdgeToMain, EdgeWorkerData } from './edge-thread.js';
import { nameThisThread } from '../../src/ops/thread-name.js';

const port = parentPort;
if (port) {
  nameThisThread('studybot-edge');
  const data = workerData as EdgeWorkerData;
  const post = (m: EdgeToMain) => port.postMessage(m);
  const answers = new Map<number, (r: EdgeResponse) => void>();
  let nextId = 0;
  const edge = new SlackEdge(
    { signingSecret: data.signingSecret, limits: data.limits, endpoint: data.endpoint },
    {
      // The payload's buffer is the edge's own (TextEncoder), never pooled: it moves, not copied.
      click: (click) => port.postMessage({ kind: 'click', click } satisfies EdgeToMain, [click.payload.buffer as ArrayBuffer]),
      request: (request) =>
        new Promise((resolve) => {
          const id = ++nextId;
          answers.set(id, resolve);
          post({ kind: 'request', id, request });
        }),
      refused: (reason) => post({ kind: 'refused', reason }),
    },
  );
  port.on('message', (m: EdgeFromMain) => {
    if (m.kind === 'response') {
      answers.get(m.id)?.(m.response);
      answers.delete(m.id);
    } else if (m.kind === 'sync') {
      post({ kind: 'synced', id: m.id });
    } else if (m.kind === 'close') {
      void edge.close().finally(() => post({ kind: 'closed' }));
    } else if (m.kind === 'stall') {
      const until = performance.now() + m.ms;
      while (performance.now() < until);
    }
  });
  edge.listen(data.port).then(
    (bound) => post({ kind: 'listening', port: bound }),
    (err: NodeJS.ErrnoException) => post({ kind: 'failed', message: err.message, ...(err.code ? { code: err.code } : {}) }),
  );
}
