// Worker thread entry: parses content files sent by parse-in-worker.ts, off the event loop that serves chat.
import { parentPort } from 'node:worker_threads';
import { nameThisThread } from '../ops/thread-name.js';
import { parseSource } from './import/index.js';
import type { ParseJob, WorkerMessage } from './parse-in-worker.js';

const port = parentPort;
if (port) {
  nameThisThread('studybot-parse');
  // One job at a time (the parent waits for each result); a workbook is read asynchronously.
  port.on('message', (job: ParseJob) => {
    void parseSource(job.source, job.path, job.limits).then((result) => {
      port.postMessage({ kind: 'parsed', id: job.id, result } satisfies WorkerMessage);
    });
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
}
