// `npm run db:migrate`: apply migrations explicitly (DATABASE_URL, else PGlite in STUDYBOT_DATA_DIR).
// The embedded folder is locked like the bot locks it: migrating under a running bot is refused.
import { isStudybotError } from '../errors.js';
import { openDatabase } from './index.js';

const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.STUDYBOT_DATA_DIR || './data';
try {
  const database = await openDatabase({ ...(url ? { url } : { dataDir, purpose: 'db:migrate' }), migrate: true });
  await database.close();
  console.log(url ? 'migrations applied to DATABASE_URL' : `migrations applied to the embedded database in ${dataDir}`);
} catch (err) {
  const subject = isStudybotError(err) && err.subject ? `${err.subject}: ` : '';
  console.error(`db:migrate failed: ${subject}${(err as Error).message}`);
  process.exit(1);
}
