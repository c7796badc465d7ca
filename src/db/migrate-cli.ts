// `npm run db:migrate`: apply migrations explicitly (DATABASE_URL, else PGlite in STUDYBOT_DATA_DIR).
import { openDatabase } from './index.js';

const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.STUDYBOT_DATA_DIR || './data';
try {
  const database = await openDatabase({ ...(url ? { url } : { dataDir }), migrate: true });
  await database.close();
  console.log(url ? 'migrations applied to DATABASE_URL' : `migrations applied to the embedded database in ${dataDir}`);
} catch (err) {
  console.error(`db:migrate failed: ${(err as Error).message}`);
  process.exit(1);
}
