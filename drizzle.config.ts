import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from the schema; they serve both
// node-postgres and PGlite and are applied at start-up by openDatabase().
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema.ts', './src/db/schedule-schema.ts'],
  out: './migrations',
});
