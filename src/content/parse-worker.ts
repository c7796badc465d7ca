// Worker thread entry: parses content files sent by parse-in-worker.ts, off the event loop that serves chat.
import { parentPort } from 'node:worker_threads';
import { nameThisThread } from '../ops/thread-name.js';
import { parseContent } from './import/index.js';
import type { ParseJob, WorkerMessage } from './parse-in-worker.js';

const port = parentPort;
if (port) {
  nameThisThread('studybot-parse');
  port.on('message', (job: ParseJob) => {
    const message: WorkerMessage = { kind: 'parsed', id: job.id, result: parseContent(job.source, job.path, job.limits) };
    port.postMessage(message);
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
}
