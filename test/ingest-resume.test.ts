/**
 * Acceptance: the 70 real articles and 4 feeds ingest in one command with a progress bar; a
 * second run adds nothing; a run killed with SIGKILL midway and rerun ends with exactly the same
 * database content as an uninterrupted run.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { entente, ententeSpawn } from "../src/test-support/cli.js";
import { HAS_SHARED, SKIP_SHARED, shared } from "../src/test-support/shared.js";

const dir = mkdtempSync(path.join(tmpdir(), "entente-resume-"));
const INPUTS = HAS_SHARED ? [shared("news/articles"), shared("news/feeds")] : [];

/** Every content table, rows sorted, without rowids: what "the same database content" means. */
function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const q = (sql: string) => db.prepare(sql).raw().all();
    return {
      documents: q("SELECT id, title, author, outlet, published, source, content_type, text, chars FROM documents ORDER BY id"),
      fts: q("SELECT title, text FROM documents_fts ORDER BY text, title"),
      analyses: q("SELECT doc_id, json FROM analyses ORDER BY doc_id"),
      actors: q("SELECT * FROM actors ORDER BY id"),
      mentions: q("SELECT * FROM mentions ORDER BY doc_id, start, end, actor_id"),
      events: q("SELECT * FROM events ORDER BY doc_id, id"),
      eventActors: q("SELECT * FROM event_actors ORDER BY doc_id, event_id, actor_id, side"),
      diagnostics: q("SELECT * FROM diagnostics ORDER BY doc_id, seq"),
      migrations: q("SELECT * FROM schema_migrations ORDER BY version"),
    };
  } finally {
    db.close();
  }
}

function docCount(file: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return Number((db.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n);
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

describe.skipIf(!HAS_SHARED)(`ingesting the real corpus ${SKIP_SHARED}`, () => {
  const full = path.join(dir, "full.db");
  let total = 0;

  it("ingests 70 articles and 4 feeds in one command, with a progress bar", () => {
    const r = entente(["ingest", ...INPUTS, "--db", full, "--progress"]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ inputs: 74, failed: 0 });
    expect(s.documents).toBe(70 + 33 + 55 + 15 + 15);
    expect(s.added).toBe(s.documents);
    total = s.added;
    expect(r.stderr).toMatch(/ingest \[[█░]+\] \d+\/74/);
    expect(r.stderr).toMatch(/74\/74 100%/);
  });

  it("adds nothing on a second run", () => {
    const r = entente(["ingest", ...INPUTS, "--db", full]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: 0, existing: total, failed: 0 });
  });

  it.each([
    ["in one thread", []],
    ["on 2 worker threads", ["--workers", "2"]],
  ])("ends a run killed midway and rerun with the same content as an uninterrupted one, %s", async (_, flags) => {
    const killed = path.join(dir, `killed${flags.length}.db`);
    const child = ententeSpawn(["ingest", ...INPUTS, "--db", killed, "--no-progress", ...flags]);
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    let seen = 0;
    while (child.exitCode === null && seen < 10) {
      await new Promise((r) => setTimeout(r, 5));
      seen = docCount(killed);
    }
    child.kill("SIGKILL");
    await exited;
    const atKill = docCount(killed);
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(total);
    const r = entente(["ingest", ...INPUTS, "--db", killed, ...flags]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.added + s.existing).toBe(total);
    expect(s.existing).toBe(atKill);
    expect(dump(killed)).toEqual(dump(full));
  });

  it("stores the same content on 2 worker threads as in one, and reports its own progress", () => {
    const two = path.join(dir, "two.db");
    const r = entente(["ingest", ...INPUTS, "--db", two, "--workers", "2", "--progress"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inputs: 74, added: total, failed: 0 });
    expect(r.stderr).toMatch(/74\/74 100%/);
    expect(dump(two)).toEqual(dump(full));
  });
});

describe("ingest --workers", () => {
  it.each([["0"], ["-1"], ["two"], ["1.5"], ["65"]])("refuses --workers %s with one line", (n) => {
    const r = entente(["ingest", "examples", "--db", path.join(dir, "never.db"), "--workers", n]);
    expect(r.code).not.toBe(0);
    // the error on its first line, then at most commander's pointer to --help
    expect(r.stderr.trim().split("\n")[0]).toMatch(/--workers/);
    expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
