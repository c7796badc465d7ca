// Starting a worker thread from a module next to the caller. Under tsx or vitest the module is
// TypeScript and Node 20 workers do not inherit tsx's loader, so a tiny bootstrap registers tsx in
// the worker first; built JavaScript starts the module directly.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `name`: the module's file name without extension, in the caller's folder (`callerUrl` = import.meta.url). */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const tsxPackage = pathToFileURL(createRequire(callerUrl).resolve('tsx/package.json'));
  const tsxApi = new URL('dist/esm/api/index.mjs', tsxPackage).href;
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true, execArgv: [] });
}
