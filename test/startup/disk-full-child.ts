// Child process for disk-full.test.ts (run through tsx on a small tmpfs):
//   fill <dataDir>    writes 1 MB rows until the device is full; prints `acknowledged N` after each.
//                     The bot's own exit path must end it (exit 1); a hang is killed by the test.
//   open <dataDir> [minFreeBytes]   prints `opened` or `refused: <message>`
//   count <dataDir>   prints `rows N`
import { randomBytes } from 'node:crypto';
import { openDatabase, rowsOf, sql } from '../../src/db/index.js';
import { createLogger } from '../../src/log.js';

const [mode, dataDir, minFree] = process.argv.slice(2) as [string, string, string | undefined];
const say = (line: string) => process.stdout.write(`${line}\n`);

if (mode === 'fill') {
  const log = createLogger({ level: 'warn', destination: 2 });
  const database = await openDatabase({ dataDir, log, minFreeBytes: 1024 * 1024 });
  await database.db.execute(sql`create table filler (v bytea)`);
  await database.db.execute(sql`alter table filler alter column v set storage external`);
  let acknowledged = 0;
  try {
    for (;;) {
      await database.db.execute(sql`insert into filler values (${randomBytes(1024 * 1024)})`);
      say(`acknowledged ${++acknowledged}`);
    }
  } catch (e) {
    say(`insert failed and the process is still running: ${(e as Error).message}`);
    await database.ping(); // hangs for ever without the guard
    say('ping answered');
  }
} else if (mode === 'open') {
  try {
    const database = await openDatabase({ dataDir, ...(minFree ? { minFreeBytes: Number(minFree) } : {}) });
    say('opened');
    await database.close();
  } catch (e) {
    say(`refused: ${(e as Error).message}`);
  }
  process.exit(0); // a PGlite that failed to start leaves a wasm timer running
} else {
  const database = await openDatabase({ dataDir });
  const [row] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from filler`));
  say(`rows ${row?.n}`);
  await database.close();
}
