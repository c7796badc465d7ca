// The delivery log: which platform deliveries (a Slack command, click or form by its trigger and
// action ids) were already handled, so a redelivery or a replay is dropped even after a restart or
// on another process. Rows expire; delivery-log.ts purges them. Listed in drizzle.config.ts.

import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const deliveryLog = pgTable(
  'delivery_log',
  {
    /** Platform-scoped delivery key: `slack:action:T1:U1:<action_ts>:<trigger_id>`. */
    key: text('key').primaryKey(),
    /** After this the key may run again (and the row may be deleted). */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('delivery_log_expires_idx').on(t.expiresAt)],
);
