// npm run db:backup [-- file]          a .tgz of the embedded database (STUDYBOT_DATA_DIR, default ./data)
// npm run db:restore -- <file> [--force]   back into STUDYBOT_DATA_DIR, or into DATABASE_URL when set
// Both refuse while a bot runs on the folder. For a Postgres database they print the pg_dump /
// pg_restore commands instead: those tools do it better.
import { pathToFileURL } from 'node:url';
import { isStudybotError } from '../errors.js';
import { serverOf } from './connect-errors.js';

const USAGE = `usage: npm run db:backup [-- <file>]
       npm run db:restore -- <file> [--force]
  backup   writes the embedded database (STUDYBOT_DATA_DIR, default ./data) to <file>
           (default studybot-backup-<date>.tgz); never while a bot runs on the folder
  restore  restores <file> into STUDYBOT_DATA_DIR (empty, or --force: its contents are moved aside),
           or, when DATABASE_URL is set, copies it into that (empty) Postgres database
exit status: 0 done, 1 failed, 2 bad usage or nothing to do`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`);

function pgCommands(url: string): string {
  const { where } = serverOf(url);
  return [
    `DATABASE_URL points at Postgres (${where}): use its own tools, e.g.`,
    `  pg_dump --format=custom --file=studybot.dump "$DATABASE_URL"`,
    `  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" studybot.dump`,
  ].join('\n');
}

export async function runBackupCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo, now = new Date()): Promise<number> {
  const [command, ...rest] = argv;
  const force = rest.includes('--force');
  const files = rest.filter((a) => a !== '--force');
  const unknown = files.find((a) => a.startsWith('-'));
  if ((command !== 'backup' && command !== 'restore') || unknown || files.length > 1 || rest.includes('--help')) {
    io.err(`${unknown ? `unknown option ${unknown}\n` : ''}${USAGE}`);
    return 2;
  }
  const url = env.DATABASE_URL?.trim() || undefined;
  const dataDir = env.STUDYBOT_DATA_DIR?.trim() || './data';
  try {
    if (command === 'backup') {
      if (url) {
        io.err(`db:backup backs up the embedded database only. ${pgCommands(url)}`);
        return 2;
      }
      const { backupDataDir, describeCounts } = await import('./backup.js');
      const file = files[0] ?? `studybot-backup-${stamp(now)}.tgz`;
      const { bytes, counts } = await backupDataDir(dataDir, file);
      io.out(`backup of ${dataDir} written to ${file} (${size(bytes)}, ${describeCounts(counts)}); restore it with: npm run db:restore -- ${file}`);
      return 0;
    }
    const file = files[0];
    if (!file) {
      io.err(`db:restore needs the backup file\n${USAGE}`);
      return 2;
    }
    const { describeCounts } = await import('./backup.js');
    if (url) {
      const { isGzip } = await import('./backup-tar.js');
      const { readFile } = await import('node:fs/promises');
      const head = await readFile(file).then((b) => b.subarray(0, 6), () => null);
      if (head && head.toString('latin1').startsWith('PGDMP')) {
        io.err(`${file} is a pg_dump archive. ${pgCommands(url)}`);
        return 2;
      }
      if (head && !isGzip(head)) io.err(`note: ${file} is not gzipped; reading it as a plain db:backup archive`);
      const { importBackupIntoPostgres } = await import('./postgres-import.js');
      const { counts, tables } = await importBackupIntoPostgres(file, url);
      io.out(`copied ${file} into Postgres at ${serverOf(url).where} (${tables} tables, ${describeCounts(counts)})`);
      return 0;
    }
    const { restoreDataDir } = await import('./backup.js');
    const { counts, movedAside } = await restoreDataDir(file, dataDir, { force, now });
    io.out(`restored ${file} into ${dataDir} (${describeCounts(counts)})${movedAside ? `; its previous contents are in ${movedAside}` : ''}`);
    return 0;
  } catch (e) {
    if (!isStudybotError(e)) throw e;
    io.err(`db:${command}: ${e.subject ? `${e.subject}: ` : ''}${e.message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runBackupCli(process.argv.slice(2), process.env, {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  }).then(
    // Exits explicitly: a PGlite that failed to start (a full disk) leaves a wasm timer that would keep the process alive.
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`db:${process.argv[2] ?? 'backup'} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
