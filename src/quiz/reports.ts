// Question reports: users flag a problem with a question ("the answer is wrong"); admins list
// open ones with the note's `path:line` and resolve them. Reports are scoped to the workspace
// they came from in chat (`platform:workspace:` prefix of the channel key); content:check shows all.

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
  resolveReport(id: string, tenantPrefix: string | null, by: string, at: Date): Promise<'resolved' | 'already-resolved' | 'not-found'>;
}

export const REPORT_REASON_MIN = 3;
export const REPORT_REASON_MAX = 500;

/** Why a report's reason cannot be taken (trimmed length out of bounds), or null when it can. */
export function reasonProblem(reason: string): string | null {
  const length = reason.trim().length;
  if (length < REPORT_REASON_MIN) return 'Add a short reason: what is wrong with the question?';
  if (length > REPORT_REASON_MAX) return `Keep the reason under ${REPORT_REASON_MAX} characters.`;
  return null;
}

/** `api-gateway Q3 content/api-gateway.md:120 (#7, 2026-03-02): the answer should be C` */
export function reportLine(r: ReportRecord): string {
  const reason = r.reason.replace(/\s+/g, ' ').trim();
  return `${r.sourcePath}:${r.sourceLine}: report #${r.id} on ${r.deckId} ${r.questionNumber} (${r.createdAt.toISOString().slice(0, 10)}): ${reason}`;
}
