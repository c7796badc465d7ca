import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from the schemas; they serve both
// node-postgres and PGlite and are applied at start-up by openDatabase().
// Keep schemas free of pgEnum and foreign keys: drizzle-kit qualifies those with "public",
// which would break running the migrations inside another schema (test isolation).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema.ts', './src/db/schedule-schema.ts', './src/db/exam-schema.ts', './src/db/delivery-schema.ts'],
  out: './migrations',
});
