// Composition root: config → logger → database → decks → core → scheduler → the chat adapters
// whose tokens are set (console mode when none) → health/metrics server → graceful shutdown.
//
// Exit codes: 0 normal stop, 1 start-up failure or forced shutdown, 2 invalid configuration.

import path from 'node:path';
import { chatAdapters, loadConfig, readEnv, type Config } from './config.js';
import { StudybotError, isStudybotError } from './errors.js';
import { createLogger, platformLogger, valueScrubber, type Logger } from './log.js';
import { Health } from './ops/health.js';
import { instrumentBot, instrumentStore } from './ops/instrument.js';
import { adapterConnected, enableDefaultMetrics, registry } from './ops/metrics.js';
import { installProcessGuards } from './ops/process-guards.js';
import { startOpsServer } from './ops/server.js';
import { InFlight, ShutdownPhase, createShutdown } from './ops/shutdown.js';

export const EXIT_STARTUP = 1;
export const EXIT_CONFIG = 2;

const fail = (line: string) => process.stderr.write(`studybot: ${line}\n`);

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(readEnv());
  } catch (e) {
    if (isStudybotError(e) && e.code === 'config:invalid') {
      fail(`invalid configuration: ${e.message}`);
      process.exit(EXIT_CONFIG);
    }
    throw e;
  }

  const adapters = chatAdapters(config);
  const consoleMode = adapters.length === 0;
  // Console mode: the terminal is the chat, so logs go to stderr and only from `warn` up.
  const log = createLogger({
    level: config.logLevel ?? (consoleMode ? 'warn' : 'info'),
    secrets: config.secrets,
    destination: consoleMode ? 2 : 1,
  });
  const health = new Health();
  const inflight = new InFlight();
  const shutdown = createShutdown({ log, timeoutMs: config.shutdownTimeoutMs });
  shutdown.installSignalHandlers();
  const crash = (kind: string) => (err: unknown) => {
    log.fatal({ err }, kind);
    void shutdown.run(kind, EXIT_STARTUP);
  };
  installProcessGuards({ log, fatal: (kind) => void shutdown.run(kind, EXIT_STARTUP) });
  // `npm start | head`: the reader went away; stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') void shutdown.run('stdout closed');
    else crash('stdout failed')(err);
  });
  const stopConsole = new AbortController();
  shutdown.add(
    'stop intake',
    () => {
      health.markShuttingDown();
      stopConsole.abort();
    },
    ShutdownPhase.intake,
  );

  try {
    await start(config, { log, health, inflight, shutdown, stopConsole, consoleMode, adapters });
  } catch (e) {
    // One line for the operator, naming what to fix; the stack only for LOG_LEVEL=debug.
    log.debug({ err: e }, 'start-up failed');
    fail(valueScrubber(config.secrets)(startupFailureLine(e)));
    await shutdown.run('start-up failed', EXIT_STARTUP);
  }
}

async function start(
  config: Config,
  ctx: {
    log: Logger;
    health: Health;
    inflight: InFlight;
    shutdown: ReturnType<typeof createShutdown>;
    stopConsole: AbortController;
    consoleMode: boolean;
    adapters: ('slack' | 'discord')[];
  },
): Promise<void> {
  const { log, health, inflight, shutdown } = ctx;
  // Loaded after the configuration is known: a config error is reported at once, and console
  // mode never loads Bolt or discord.js.
  const [{ openDatabase, createQuizStore }, { DeckLibrary, explain, formatFinding }, { createStudybot }, schedule] =
    await Promise.all([
      import('./db/index.js'),
      import('./content/index.js'),
      import('./quiz/index.js'),
      import('./schedule/index.js'),
    ]);

  // Decks before the database: a content problem is reported without waiting for Postgres.
  await assertContentDir(config.contentDir);
  const decks = await DeckLibrary.load(config.contentDir, { log: platformLogger(log, 'content') });
  const contentErrors = decks.findings().filter((f) => f.severity === 'error');
  for (const finding of contentErrors) log.warn({ finding: formatFinding(finding) }, 'content problem');
  if (decks.decks().length === 0) {
    const why = contentErrors.length ? `no usable decks in ${config.contentDir} (${contentErrors.length} error${contentErrors.length === 1 ? '' : 's'}, first: ${formatFinding(contentErrors[0]!)})` : `no decks in ${config.contentDir}`;
    throw new StudybotError('content:load', `${why}: add a markdown note there and check it with npm run content:check`, { subject: 'CONTENT_DIR' });
  }
  await decks.watch({
    onReload: (findings) => {
      log.info({ decks: decks.decks().length, problems: findings.length }, 'decks reloaded');
      for (const finding of findings.filter((f) => f.severity === 'error' || f.code === 'kept-last-good')) {
        log.warn({ finding: formatFinding(finding) }, 'content problem');
      }
    },
  });
  shutdown.add('content watcher', () => decks.close(), ShutdownPhase.content);

  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    migrate: config.migrateOnStart,
    log: platformLogger(log, 'db'),
  });
  shutdown.add('database', () => database.close(), ShutdownPhase.database);
  health.add('database', () => database.ping());
  // The answers' statement thread and its connections, ready before the first burst (a failure is retried at the first answer).
  database.statements.warm().catch((err: unknown) => log.warn({ err }, 'database: could not open the answer connections yet'));

  const store = instrumentStore(createQuizStore(database));
  const exams = await loadExams(config.contentDir, config.dataDir, database, log);
  const core = createStudybot({
    store,
    decks,
    explain,
    schedule: schedule.createSchedulePort({ database, decks, channelTimezones: store }),
    admins: config.admins,
    quizMinutes: config.quizMinutes,
    practiceMinutes: config.practiceMinutes,
    log: log.child({ platform: 'core' }),
    exams,
    contentDir: config.contentDir,
  });
  const bot = instrumentBot(core, { log, inflight, closing: () => shutdown.started });

  const scheduler = schedule.createScheduler({ database, bot, log });
  shutdown.add('scheduler', () => scheduler.stop(), ShutdownPhase.scheduler);
  shutdown.add('in-flight interactions', () => inflight.drain(), ShutdownPhase.inFlight);
  shutdown.add('pending message edits', () => core.flush(), ShutdownPhase.flush);

  if (config.slack) {
    const { startSlack } = await import('../adapters/slack/index.js');
    const { createDeliveryLog } = await import('./db/delivery-log.js');
    // Redeliveries and replays are remembered in Postgres, so a restart (or another process) does not run them again.
    const deliveryLog = createDeliveryLog(database);
    const slack = await startSlack({ config: { ...config.slack, admins: config.admins }, bot, log: platformLogger(log, 'slack'), deliveryLog });
    shutdown.add('slack', async () => {
      await slack.idle();
      await slack.stop();
    });
    adapterConnected.set({ platform: 'slack' }, 1);
    health.add('slack', () => {
      const up = !slack.server || slack.server.listening;
      adapterConnected.set({ platform: 'slack' }, up ? 1 : 0);
      if (!up) throw new Error('HTTP receiver is not listening');
    });
  }
  if (config.discord) {
    const { startDiscord } = await import('../adapters/discord/index.js');
    const discord = await startDiscord({ config: { ...config.discord, admins: config.admins }, bot, log: platformLogger(log, 'discord') });
    shutdown.add('discord', async () => {
      await discord.idle();
      await discord.stop();
    });
    adapterConnected.set({ platform: 'discord' }, 1);
    health.add('discord', () => {
      const up = discord.client.isReady();
      adapterConnected.set({ platform: 'discord' }, up ? 1 : 0);
      if (!up) throw new Error('gateway is not connected');
    });
  }
  await scheduler.start();

  let opsPort: number | undefined;
  if (config.opsPort !== null && (!ctx.consoleMode || config.opsPortExplicit)) {
    enableDefaultMetrics();
    const ops = await startOpsServer({ health, registry, port: config.opsPort, log: platformLogger(log, 'ops') });
    opsPort = ops.port;
    shutdown.add('ops server', () => ops.close(), ShutdownPhase.ops);
  }

  log.info(
    { adapters: ctx.consoleMode ? ['console'] : ctx.adapters, database: database.kind, decks: decks.decks().map((d) => d.id), opsPort },
    `studybot started: ${ctx.consoleMode ? 'console mode (no chat tokens set)' : ctx.adapters.join(' and ')}`,
  );

  if (ctx.consoleMode) {
    const { runConsole } = await import('../adapters/console/index.js');
    await runConsole({
      bot,
      input: process.stdin,
      output: process.stdout,
      interactive: !!process.stdin.isTTY && !!process.stdout.isTTY,
      log: platformLogger(log, 'console'),
      revealNow: (ref) => core.revealNow(ref),
      signal: ctx.stopConsole.signal,
    });
    await shutdown.run('console closed');
  }
}

function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/\s+/g, ' ').trim();
}

/** `DATABASE_URL: cannot connect to 127.0.0.1:5999 (connection refused): …`, else `could not start: <message>`. */
function startupFailureLine(e: unknown): string {
  if (isStudybotError(e) && e.subject) return `${e.subject}: ${oneLine(e)}`;
  return `could not start: ${oneLine(e)}`;
}

async function assertContentDir(dir: string): Promise<void> {
  const { stat } = await import('node:fs/promises');
  try {
    await stat(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (e as Error).message})`;
    throw new StudybotError('content:load', `the folder ${dir} ${why}: point it at your markdown notes`, { cause: e, subject: 'CONTENT_DIR' });
  }
}

await main();

/** Exam blueprints from `<content>/exams` (problems logged, never fatal) and the exam store. */
async function loadExams(contentDir: string, dataDir: string, database: import('./db/index.js').Database, log: Logger) {
  const [{ loadBlueprints }, { createExamStore }, { formatFinding }, { withCachedExamDates }] = await Promise.all([
    import('./exam/blueprint.js'),
    import('./db/exam-store.js'),
    import('./content/index.js'),
    import('./exam/exam-date-cache.js'),
  ]);
  const { blueprints, findings } = await loadBlueprints(path.join(contentDir, 'exams'));
  for (const finding of findings) log.warn({ finding: formatFinding(finding) }, 'exam blueprint problem');
  // Another process's `exam-date` is seen here within a minute (src/exam/exam-date-cache.ts).
  const store = withCachedExamDates(createExamStore(database.db), { ttlMs: 60_000 });
  return { store, blueprints: () => blueprints, chartDir: path.join(dataDir, 'charts') };
}
