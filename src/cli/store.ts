/**
 * Opening the store a command names: `--db FILE` (SQLite, the embedded default) or
 * `--db postgres://…` (PostgreSQL). The one place commands open stores, so that every command
 * accepts the same stores.
 */
import { existsSync } from "node:fs";
import { Option } from "commander";
import { InputError } from "../core/errors.js";
import type { EventStore } from "../store/contract.js";
import { PostgresStore, isPostgresUrl, redactUrl } from "../store/postgres/store.js";
import { SqliteStore } from "../store/sqlite/store.js";

/** The `--db` option every command that reads or writes the store takes: DATABASE_URL when set, else entente.db. */
export function dbOption(): Option {
  const fromEnv = process.env.DATABASE_URL || undefined;
  const opt = new Option("--db <file|url>", "SQLite database file, or a postgres:// URL (default: $DATABASE_URL when set, else entente.db)");
  // the default shown in --help must not print a password
  return fromEnv ? opt.default(fromEnv, redactUrl(fromEnv)) : opt.default("entente.db");
}

export async function openStore(db: string): Promise<EventStore> {
  return isPostgresUrl(db) ? PostgresStore.open(db) : SqliteStore.open(db);
}

/** Refuses a SQLite file that does not exist (a command that only reads would create an empty one); servers are checked when opened. */
export function requireStore(db: string, hint = "run `entente ingest … --db FILE` first"): void {
  if (!isPostgresUrl(db) && !existsSync(db)) throw new InputError("INPUT_MISSING", db, `no such database (${hint})`);
}

