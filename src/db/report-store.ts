// The core's ReportStore port (question reports, src/quiz/reports.ts) on drizzle.
import { and, desc, eq, isNull, like, sql } from 'drizzle-orm';
import { withUnavailableErrors } from './errors.js';
import type { Db } from './types.js';
import { questionReports } from './schema.js';
import type { ReportRecord, ReportStore } from '../quiz/reports.js';

type Row = typeof questionReports.$inferSelect;
const toRecord = (r: Row): ReportRecord => ({ ...r, id: String(r.id) });
const reportNumber = (id: string): number | null => (/^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : null);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const inTenant = (prefix: string | null) => (prefix ? like(questionReports.channelKey, `${escapeLike(prefix)}%`) : undefined);

export function createReportStore(db: Db): ReportStore {
  const store: ReportStore = {
    async addReport(report) {
      const [row] = await db.insert(questionReports).values(report).returning();
      return toRecord(row!);
    },

    async openReports(prefix, limit) {
      const rows = await db
        .select()
        .from(questionReports)
        .where(and(isNull(questionReports.resolvedAt), inTenant(prefix)))
        .orderBy(desc(questionReports.createdAt), desc(questionReports.id))
        .limit(limit);
      return rows.map(toRecord);
    },

    async resolveReport(id, prefix, by, at) {
      const n = reportNumber(id);
      if (n === null) return { status: 'not-found' };
      const mine = and(eq(questionReports.id, n), inTenant(prefix));
      const [done] = await db
        .update(questionReports)
        .set({ resolvedAt: at, resolvedBy: by })
        .where(and(mine, isNull(questionReports.resolvedAt)))
        .returning();
      if (done) return { status: 'resolved', report: toRecord(done) };
      const [exists] = await db.select({ n: sql<number>`1` }).from(questionReports).where(mine);
      return { status: exists ? 'already-resolved' : 'not-found' };
    },
  };
  return withUnavailableErrors(store);
}
