// The delivery log in Postgres (delivery-schema.ts): `first(key)` claims a key until it expires,
// atomically across processes and restarts. Concurrent claims are written together in one
// statement (group commit), so a burst of clicks costs a few statements, not one each.

import { sql } from 'drizzle-orm';
import { columnsOf, GroupCommit } from './group-commit.js';
import type { Database } from './types.js';

export interface DeliveryLogOptions {
  /** How long a key is remembered (default 30 minutes: Slack's retries come within minutes). */
  ttlMs?: number;
  now?: () => number;
  /** Expired rows are deleted at most this often, by a claim (default 5 minutes). */
  purgeEveryMs?: number;
}

export interface PersistentDeliveryLog {
  /** True the first time `key` is claimed within the TTL (by any process), false for every repeat. */
  first(key: string): Promise<boolean>;
  /** Deletes expired keys; returns how many. */
  purgeExpired(): Promise<number>;
}

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? []) as T[];

export function createDeliveryLog(database: Database, opts: DeliveryLogOptions = {}): PersistentDeliveryLog {
  const ttlMs = opts.ttlMs ?? 30 * 60_000;
  const now = opts.now ?? Date.now;
  const purgeEveryMs = opts.purgeEveryMs ?? 5 * 60_000;
  let lastPurge = now();

  const purgeExpired = async () => {
    const res = await database.db.execute(sql`delete from delivery_log where expires_at <= ${new Date(now())}`);
    return (res as { rowCount?: number; affectedRows?: number }).rowCount ?? (res as { affectedRows?: number }).affectedRows ?? 0;
  };

  // A key new to the table, or whose row has expired, is claimed; a live row wins.
  const claim = new GroupCommit<string, boolean>(async (batch) => {
    const unique = [...new Set(batch)];
    const at = now();
    const col = columnsOf(unique);
    const res = await database.db.execute(sql`
      insert into delivery_log (key, expires_at)
      select k, ${new Date(at + ttlMs)}::timestamptz from unnest(${col((k) => k)}::text[]) as k
      on conflict (key) do update set expires_at = excluded.expires_at
        where delivery_log.expires_at <= ${new Date(at)}
      returning key`);
    const claimed = new Set(rowsOf<{ key: string }>(res).map((r) => r.key));
    // The same key twice in one batch: only its first occurrence can be first.
    const seen = new Set<string>();
    return batch.map((k) => {
      const mine = claimed.has(k) && !seen.has(k);
      seen.add(k);
      return mine;
    });
  });

  return {
    async first(key) {
      const result = await claim.submit(key);
      if (now() - lastPurge >= purgeEveryMs) {
        lastPurge = now();
        await purgeExpired().catch(() => 0); // the next purge tries again; the claim itself stands
      }
      return result;
    },
    purgeExpired,
  };
}
