// `content:check --reports`: the open question reports as `path:line: report #…` lines, beside
// the deck findings. Reads DATABASE_URL, else the PGlite folder STUDYBOT_DATA_DIR (default ./data).
import { existsSync } from 'node:fs';
import { isStudybotError } from '../errors.js';
import { openDatabase } from './index.js';
import { createReportStore } from './report-store.js';
import { reportLine } from '../quiz/reports.js';

export async function openReportLines(env: NodeJS.ProcessEnv = process.env): Promise<{ lines: string[] } | { error: string }> {
  const url = env.DATABASE_URL;
  const dataDir = env.STUDYBOT_DATA_DIR ?? './data';
  if (!url && !existsSync(dataDir)) return { error: `--reports: no database (set DATABASE_URL, or STUDYBOT_DATA_DIR to the bot's data folder; ${dataDir} does not exist)` };
  let database;
  try {
    database = await openDatabase(url ? { url } : { dataDir, purpose: 'content:check --reports' });
  } catch (e) {
    // A running bot holds the folder (or it is not a database): say so in one line, never a stack.
    if (isStudybotError(e)) return { error: `--reports: ${e.message}` };
    throw e;
  }
  try {
    const open = await createReportStore(database.db).openReports(null, 1000);
    return { lines: open.map(reportLine) };
  } finally {
    await database.close();
  }
}
