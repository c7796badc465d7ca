// npm run content:check [paths…] [--json] [--reports]
// Lints decks like a compiler: `path:line: severity: message`, a summary, exit 1 on errors.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadContent } from './load.js';
import { isDraft } from './parse.js';
import { checkPictureLimits, checkPlatformLimits } from './platform-limits.js';
import { formatFileReport, formatFinding, formatSummary, summarise } from './report.js';
import type { Deck, Finding } from './types.js';

const USAGE = `usage: npm run content:check -- [paths…] [--json] [--reports]
  paths   note files or folders (default: content/)
  --json  print the parsed decks, findings, summary and per-file report (dialect, counts) as JSON on
          stdout (findings and summary also go to stderr)
files: .md/.markdown notes, .csv/.tsv question files, .xlsx workbooks of question sheets, .apkg/.colpkg Anki packages, .txt Anki or Quizlet exports or Aiken questions, .gift question banks, .json question banks (.xls/.ods: save as .xlsx or .csv) (docs/content.md, docs/content-intake.md)
  --reports  also print users' open question reports (DATABASE_URL, or STUDYBOT_DATA_DIR / ./data)
exit status: 0 no errors, 1 errors found, 2 bad usage`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runContentCheck(args: string[], io: CliIo): Promise<number> {
  const paths: string[] = [];
  let json = false;
  let reports = false;
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg === '--reports') reports = true;
    else if (arg === '-h' || arg === '--help') {
      io.out(USAGE);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') {
      io.err(`unknown option ${arg}\n${USAGE}`);
      return 2;
    } else paths.push(arg);
  }
  const loaded = await loadContent(paths.length ? paths : ['content']);
  const { decks, files } = loaded;
  // Commands the chat platforms would refuse (Slack 50 / Discord 100 commands, name lengths, Slack's
  // built-ins), for the decks the bot would serve (drafts are not).
  const exams = await checkExams(paths.length ? paths : ['content'], decks);
  const findings = [...loaded.findings, ...checkPlatformLimits(decks.filter((d) => !isDraft(d.meta))), ...exams.findings];
  findings.push(...checkPictureLimits(decks));
  const summary = summarise(decks, findings);
  if (json) {
    io.out(JSON.stringify({ decks, findings, summary, files }, null, 2));
    for (const f of findings) io.err(formatFinding(f));
    io.err(formatSummary(summary));
  } else {
    // Each file's line, then its findings (compiler-style, so editors can jump to them).
    const byPath = new Map<string, string[]>();
    const loose: string[] = [];
    const known = new Set(files.map((f) => f.path));
    for (const f of findings) {
      if (known.has(f.path)) byPath.set(f.path, [...(byPath.get(f.path) ?? []), formatFinding(f)]);
      else loose.push(formatFinding(f));
    }
    for (const l of loose) io.out(l);
    for (const file of files) {
      io.out(formatFileReport(file));
      for (const l of byPath.get(file.path) ?? []) io.out(l);
    }
    for (const l of exams.coverage) io.out(l);
    io.out(formatSummary(summary));
  }
  if (reports) {
    const { openReportLines } = await import('../db/report-lines.js');
    const result = await openReportLines();
    if ('error' in result) {
      io.err(result.error);
      return 2;
    }
    const print = json ? io.err : io.out;
    for (const l of result.lines) print(l);
    print(`${result.lines.length} open question report${result.lines.length === 1 ? '' : 's'}`);
  }
  return summary.errors > 0 ? 1 : 0;
}

/**
 * Exam blueprints in `<folder>/exams/*.yml` of each folder checked: their own findings, the per-domain
 * question counts of the decks that belong to each exam, and unmapped questions or thin domains.
 */
async function checkExams(paths: string[], decks: Deck[]): Promise<{ findings: Finding[]; coverage: string[] }> {
  const folders = [];
  for (const p of paths) if (await isFolder(join(p, 'exams'))) folders.push(join(p, 'exams'));
  if (!folders.length) return { findings: [], coverage: [] };
  const { loadBlueprints } = await import('../exam/blueprint.js');
  const { examCoverage, examFindings, formatCoverage, mapExam } = await import('../exam/domain-map.js');
  const findings: Finding[] = [];
  const coverage: string[] = [];
  for (const folder of folders) {
    const loaded = await loadBlueprints(folder);
    findings.push(...loaded.findings, ...examFindings(decks, loaded.blueprints, folder));
    for (const bp of loaded.blueprints) coverage.push(formatCoverage(examCoverage(mapExam(decks, bp))));
  }
  return { findings, coverage };
}

const isFolder = (path: string): Promise<boolean> => stat(path).then((s) => s.isDirectory(), () => false);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runContentCheck(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`content:check failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
