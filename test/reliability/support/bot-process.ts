// Starting, killing and stopping the bot processes of scheduler-kill.test.ts (sched-kill-bot.ts,
// forked with `--import tsx`), each behind its own kill proxy (kill-proxy.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startKillProxy, type CallFate, type KillProxy } from './kill-proxy.js';
import type { BotEnv, BotMessage } from './sched-kill-bot.js';

const ENTRY = fileURLToPath(new URL('./sched-kill-bot.ts', import.meta.url));

export interface BotProcess {
  readonly instanceId: string;
  readonly child: ChildProcess;
  /** Resolves after the process's first tick (never, if it dies before). */
  readonly ready: Promise<void>;
  /** Resolves when the process has exited (code or signal). */
  readonly exited: Promise<string>;
  isReady(): boolean;
  alive(): boolean;
  /** SIGKILL, no cleanup of any kind. */
  kill(): void;
  /** Asks for a graceful stop (scheduler.stop()), then waits for the exit; SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<string>;
  /** stderr so far (pino JSON lines at BOT_LOG_LEVEL). */
  logs(): string;
  /** Closes the proxy (after the exit). */
  close(): Promise<void>;
}

export interface StartBotOptions {
  instanceId: string;
  /** Target of the proxy: the fake Web API's base URL. */
  apiBase: string;
  env: Omit<BotEnv, 'SLACK_API_URL' | 'INSTANCE_ID'> & Record<string, string>;
  /** What the proxy does with each Web API call of this process (default: pass everything). */
  decide?: (method: string) => CallFate;
  /** Told when the proxy killed the process inside a call. */
  onProxyKill?: (method: string, fate: Exclude<CallFate, 'pass'>) => void;
}

export async function startBot(opts: StartBotOptions): Promise<BotProcess> {
  let child: ChildProcess | undefined;
  const proxy: KillProxy = await startKillProxy({
    target: opts.apiBase,
    decide: (method) => (child && child.exitCode === null && child.signalCode === null ? (opts.decide?.(method) ?? 'pass') : 'pass'),
    kill: (method, fate) => {
      child?.kill('SIGKILL');
      opts.onProxyKill?.(method, fate);
    },
  });
  child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...opts.env, SLACK_API_URL: proxy.apiUrl, INSTANCE_ID: opts.instanceId },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const c = child;
  let stderr = '';
  c.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let ready = false;
  const readyP = new Promise<void>((resolve) => {
    c.on('message', (m: BotMessage) => {
      if (m.type === 'ready') {
        ready = true;
        resolve();
      }
    });
  });
  const exited = new Promise<string>((resolve) => c.once('exit', (code, signal) => resolve(String(signal ?? code))));
  const alive = () => c.exitCode === null && c.signalCode === null;
  return {
    instanceId: opts.instanceId,
    child: c,
    ready: readyP,
    exited,
    isReady: () => ready,
    alive,
    kill: () => {
      if (alive()) c.kill('SIGKILL');
    },
    async stop(timeoutMs = 10_000) {
      if (alive() && c.connected) c.send({ type: 'stop' });
      const timer = setTimeout(() => c.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    logs: () => stderr,
    close: () => proxy.close(),
  };
}
