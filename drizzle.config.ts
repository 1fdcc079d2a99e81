import { defineConfig } from 'drizzle-kit';

// SQLite, the embedded default. PostgreSQL's migrations come from drizzle.postgres.config.ts;
// `npm run db:generate` runs both, so a schema change reaches both stores in one step.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/storage/schema.ts',
  out: './drizzle/sqlite',
});
