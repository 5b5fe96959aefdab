/**
 * PostgreSQL for tests: the server named by ENTENTE_TEST_PG (else DATABASE_URL), and throwaway
 * schemas on it so that every test starts from an empty store. Tests skip, saying why, when no
 * server is named.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The test server's URL, or undefined. */
export const PG_URL: string | undefined = process.env.ENTENTE_TEST_PG || process.env.DATABASE_URL || undefined;

/** Why PostgreSQL tests are skipped, for their titles. */
export const PG_SKIP = PG_URL ? "" : " (skipped: set ENTENTE_TEST_PG or DATABASE_URL to a postgres:// URL to run them; .ci/run does)";

/** Throwaway schemas on the test server, dropped together by `dropAll`. */
export function pgSchemas(url: string) {
  const made: string[] = [];
  return {
    /** creates an empty schema; returns its name and a URL whose connections use it */
    async create(prefix = "t"): Promise<{ schema: string; url: string }> {
      const schema = `entente_${prefix}_${randomBytes(6).toString("hex")}`;
      await admin(url, `CREATE SCHEMA ${schema}`);
      made.push(schema);
      const u = new URL(url);
      u.searchParams.set("options", `-c search_path=${schema}`);
      return { schema, url: u.toString() };
    },
    async dropAll(): Promise<void> {
      if (made.length) await admin(url, made.map((s) => `DROP SCHEMA IF EXISTS ${s} CASCADE;`).join(" "));
      made.length = 0;
    },
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
