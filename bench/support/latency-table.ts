// Percentiles and the printed table of bench:load: ack latency beside click → private reply.

/**
 * When private replies arrived (at the stand-in Slack, or at the clicking client's own response_url), per response_url id (one per clicking user): the first
 * reply of any kind and the first that is not the busy note (the result), as wall-clock ms
 * (`performance.timeOrigin + performance.now()`, comparable across the bench's processes).
 */
export interface ReplyArrival {
  id: string;
  firstAt: number;
  resultAt: number | null;
  count: number;
}

/** One private reply to `id` at `at`; `isResult`: not the busy note. Returns the arrival, updated. */
export function recordArrival(byId: Map<string, ReplyArrival>, id: string, at: number, isResult: boolean): ReplyArrival {
  const seen = byId.get(id) ?? { id, firstAt: at, resultAt: null, count: 0 };
  seen.count++;
  if (seen.resultAt === null && isResult) seen.resultAt = at;
  byId.set(id, seen);
  return seen;
}

export const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN;

export interface ReplyStats {
  /** click sent → the result (not the busy note) reached the stand-in API, ms, one per user who got one. */
  resultMs: number[];
  /** click sent → the first private message of any kind (the busy note when one was sent first). */
  firstMs: number[];
  /** Users whose first message was the busy note. */
  busy: number;
  /** Acked users with no result at all. */
  noReply: number;
}

/** Joins the clients' send times with the fake's arrival times, per user. */
export function replyStats(clickAt: [string, number][], arrivals: ReplyArrival[], acked: Set<string>): ReplyStats {
  const byId = new Map(arrivals.map((a) => [a.id, a]));
  const stats: ReplyStats = { resultMs: [], firstMs: [], busy: 0, noReply: 0 };
  for (const [user, at] of clickAt) {
    const a = byId.get(user);
    if (!a || a.resultAt === null) {
      if (acked.has(user)) stats.noReply++;
      if (a) stats.firstMs.push(a.firstAt - at);
      continue;
    }
    stats.resultMs.push(a.resultAt - at);
    stats.firstMs.push(a.firstAt - at);
    if (a.firstAt < a.resultAt) stats.busy++;
  }
  return stats;
}

export interface Row {
  label: string;
  count: number;
  elapsedMs: number;
  ackMs: number[];
  failed: number;
  reply?: ReplyStats;
}

const ms = (x: number) => (Number.isNaN(x) ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const quad = (xs: number[]) => [pct(xs, 50), pct(xs, 95), pct(xs, 99), xs.length ? Math.max(...xs) : NaN].map(ms);

/** A markdown table (pasteable into the docs): rate, ack and reply percentiles, busy notes, failures. */
export function printTable(title: string, rows: Row[], noteLabel = 'busy note'): void {
  console.log(`\n${title}\n`);
  const head = ['', 'sent', 'rate', 'ack p50', 'p95', 'p99', 'max', 'reply p50', 'p95', 'p99', 'max', noteLabel, 'no reply', 'failed'];
  const lines = rows.map((r) => [
    r.label,
    String(r.count),
    `${((r.count / r.elapsedMs) * 1000).toFixed(0)}/s`,
    ...quad(r.ackMs),
    ...(r.reply ? quad(r.reply.resultMs) : ['–', '–', '–', '–']),
    r.reply ? String(r.reply.busy) : '–',
    r.reply ? String(r.reply.noReply) : '–',
    String(r.failed),
  ]);
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
}
