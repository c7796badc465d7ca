// Question reports: users flag a problem with a question ("the answer is wrong"); admins list
// open ones with the note's `path:line` and resolve them. Reports are scoped to the workspace
// they came from in chat (`platform:workspace:` prefix of the channel key); content:check shows all.

import { firstGraphemes, graphemeCount, graphemePrefix } from '../graphemes.js';

export interface NewReport {
  deckId: string;
  questionId: string;
  questionNumber: string;
  sourcePath: string;
  sourceLine: number;
  reason: string;
  reporterKey: string;
  channelKey: string;
  createdAt: Date;
}

export interface ReportRecord extends NewReport {
  id: string;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export interface ReportStore {
  addReport(report: NewReport): Promise<ReportRecord>;
  /** Open reports, newest first; of one tenant (`slack:T1:`) or, with null, all. */
  openReports(tenantPrefix: string | null, limit: number): Promise<ReportRecord[]>;
  /** Resolves an open report; `report`: the report as resolved (who filed it, where: to tell them). */
  resolveReport(id: string, tenantPrefix: string | null, by: string, at: Date): Promise<{ status: 'resolved'; report: ReportRecord } | { status: 'already-resolved' | 'not-found' }>;
}

/**
 * Bounds of a reason in user-perceived characters (graphemes): 😀, 🇫🇷 and an "é" typed as e plus a
 * combining accent count one each, as the person typing counts them. The modals' `max_length` is the
 * same 500, counted by the platforms in code points (Discord) or at least as finely, so a reason a
 * modal accepts is never refused here for its length.
 */
export const REPORT_REASON_MIN = 3;
export const REPORT_REASON_MAX = 500;
/** Stored reasons are cut to this many UTF-16 units too (500 graphemes can hide a pile of combining marks). */
export const REPORT_REASON_MAX_UNITS = 8000;
/** Only this much of a reason is segmented to count it (anything longer is far over the limit, or a pile of marks). */
const COUNTED_UNITS = 2 * REPORT_REASON_MAX_UNITS;

/** The trimmed reason's length in user-perceived characters (graphemes). */
export function reasonLength(reason: string): number {
  const t = reason.trim();
  return graphemeCount(t.length > COUNTED_UNITS ? graphemePrefix(t, COUNTED_UNITS) : t);
}

/** Why a report's reason cannot be taken (trimmed length out of bounds), or null when it can. */
export function reasonProblem(reason: string): string | null {
  const length = reasonLength(reason);
  if (length < REPORT_REASON_MIN) return 'Add a short reason: what is wrong with the question?';
  if (length > REPORT_REASON_MAX) return `Keep the reason under ${REPORT_REASON_MAX} characters.`;
  return null;
}

/** The reason as stored: trimmed, at most REPORT_REASON_MAX graphemes and REPORT_REASON_MAX_UNITS units, cut between graphemes. */
export function storedReason(reason: string): string {
  return graphemePrefix(firstGraphemes(reason.trim(), REPORT_REASON_MAX), REPORT_REASON_MAX_UNITS);
}

/** `api-gateway Q3 content/api-gateway.md:120 (#7, 2026-03-02): the answer should be C` */
export function reportLine(r: ReportRecord): string {
  const reason = r.reason.replace(/\s+/g, ' ').trim();
  return `${r.sourcePath}:${r.sourceLine}: report #${r.id} on ${r.deckId} ${r.questionNumber} (${r.createdAt.toISOString().slice(0, 10)}): ${reason}`;
}
