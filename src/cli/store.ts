/**
 * Opening the store a command names: `--db FILE` (SQLite, the embedded default). The one place
 * commands open stores, so that every command accepts the same stores.
 */
import { Option } from "commander";
import type { EventStore } from "../store/contract.js";
import { SqliteStore } from "../store/sqlite/store.js";

/** The `--db` option every command that reads or writes the store takes. */
export function dbOption(): Option {
  return new Option("--db <file>", "SQLite database file").default("entente.db");
}

export async function openStore(db: string): Promise<EventStore> {
  return SqliteStore.open(db);
}
