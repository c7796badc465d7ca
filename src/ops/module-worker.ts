// Starting a worker thread from a module next to the caller. Under tsx or vitest the module is
// TypeScript and Node 20 workers do not inherit tsx's loader, so a tiny bootstrap registers tsx in
// the worker first; built JavaScript starts the module directly.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker's young generation: Node's default (three 16 MB semi-spaces), whatever `--max-semi-space-size` the process
 * runs with. That flag is for the main thread, where a click's garbage is made (docs/operations.md); in every thread
 * it cost the bench's process about 300 MB more at its peak.
 */
const WORKER_YOUNG_MB = 48;

/** `name`: the module's file name without extension, in the caller's folder (`callerUrl` = import.meta.url). */
export function startModuleWorker(callerUrl: string, name: string, given: WorkerOptions = {}): Worker {
  const options: WorkerOptions = { ...given, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, ...given.resourceLimits } };
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const tsxPackage = pathToFileURL(createRequire(callerUrl).resolve('tsx/package.json'));
  const tsxApi = new URL('dist/esm/api/index.mjs', tsxPackage).href;
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true, execArgv: [] });
}

/**
 * Asks a worker to finish with `{ kind: 'close' }`, waits for its `{ kind: 'closed' }` (or its exit)
 * at most `timeoutMs`, then stops it: a worker that does not answer cannot hold up a shutdown.
 */
export async function closeModuleWorker(worker: Worker, timeoutMs: number): Promise<void> {
  const done = new Promise<void>((resolve) => {
    worker.on('message', (m: { kind?: unknown }) => m?.kind === 'closed' && resolve());
    worker.once('exit', () => resolve());
  });
  worker.postMessage({ kind: 'close' });
  await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  await worker.terminate();
}
