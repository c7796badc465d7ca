// Worker thread entry: runs the group commits' statements (statement-runner.ts) on its own
// node-postgres pool, so writing them to the socket, waking Postgres and parsing the rows happen
// off the event loop that serves clicks.
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import type { StatementReply, StatementRequest, StatementWorkerData } from './statement-runner.js';
import { nameThisThread } from '../ops/thread-name.js';

/** The fields of a node-postgres error worth keeping (a thread boundary keeps only message and name of an Error). */
const ERROR_FIELDS = ['code', 'severity', 'detail', 'hint', 'constraint', 'schema', 'table', 'column', 'routine', 'where', 'errno', 'syscall'] as const;

function plainError(err: unknown): Record<string, unknown> {
  const e = (err ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { message: err instanceof Error ? err.message : String(err) };
  for (const f of ERROR_FIELDS) if (e[f] !== undefined && typeof e[f] !== 'object') out[f] = e[f];
  return out;
}

/**
 * The group commits send the same few statement texts over and over (their rows are one JSON
 * parameter): each is prepared once per connection under a name from its text, so Postgres parses
 * and plans it once instead of at every batch. Past a few dozen texts, the rest run unnamed. Behind
 * a pooler that hands each transaction a different server connection (PgBouncer's transaction
 * mode), a name may be missing or already taken there: then every statement runs unnamed.
 */
export const preparedName = (text: string) => `studybot_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
const names = new Map<string, string>();
let naming = true;
function prepared(text: string): { name?: string } {
  if (!naming) return {};
  let name = names.get(text);
  if (!name && names.size < 64) names.set(text, (name = preparedName(text)));
  return name ? { name } : {};
}

/** 26000 invalid_sql_statement_name, 42P05 duplicate_prepared_statement. */
const NAME_TROUBLE = new Set(['26000', '42P05']);

async function run(pool: pg.Pool, text: string, params: unknown[]): Promise<unknown[]> {
  const named = prepared(text);
  try {
    return (await pool.query({ text, values: params, ...named })).rows;
  } catch (err) {
    if (!named.name || !NAME_TROUBLE.has(String((err as { code?: unknown }).code))) throw err;
    naming = false;
    return (await pool.query(text, params)).rows;
  }
}

const port = parentPort;
if (port) {
  nameThisThread('studybot-sql');
  const { url, searchPath, max } = workerData as StatementWorkerData;
  // `min`: the connections stay open when idle, like the main pool's warm ones (index.ts).
  const pool = new pg.Pool({ connectionString: url, max, min: max, ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}) });
  // An idle connection that breaks is dropped by the pool; the next statement reports any outage.
  pool.on('error', () => {});
  port.on('message', (m: StatementRequest) => {
    if (m.kind === 'close') {
      void pool.end().finally(() => port.postMessage({ kind: 'closed' } satisfies StatementReply));
      return;
    }
    if (m.kind === 'warm') {
      void Promise.allSettled(Array.from({ length: max }, () => pool.connect())).then((results) => {
        for (const r of results) if (r.status === 'fulfilled') r.value.release();
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        port.postMessage(failed ? { kind: 'error', id: m.id, error: plainError(failed.reason) } : { kind: 'rows', id: m.id, rows: [] });
      });
      return;
    }
    run(pool, m.text, m.params).then(
      (rows) => port.postMessage({ kind: 'rows', id: m.id, rows } satisfies StatementReply),
      (err: unknown) => port.postMessage({ kind: 'error', id: m.id, error: plainError(err) } satisfies StatementReply),
    );
  });
}
