/**
 * Two `entente ingest` processes started together on overlapping inputs (the shared files
 * first in both, so that both analyse and try to store the same documents at the same moment)
 * store every document exactly once, lose no event, and leave the same dyad table as one ingest
 * of all the inputs. Against SQLite always, against PostgreSQL when a server is named.
 */
import { readdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { entente, ententeSpawn } from "../src/test-support/cli.js";
import { PG_SKIP, PG_URL, pgSchemas } from "../src/test-support/pg.js";
import { REPO } from "../src/test-support/shared.js";
import { openStore } from "../src/cli/store.js";
import type { EventStore } from "../src/store/contract.js";

const texts = readdirSync(path.join(REPO, "examples"))
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => path.join("examples", f));
const shared = texts.slice(0, 10);
const onlyA = texts.slice(10, 15);
const onlyB = [...texts.slice(15), "examples/feeds"];
const tmp = mkdtempSync(path.join(tmpdir(), "entente-concurrent-"));

interface Summary {
  documents: number;
  added: number;
  existing: number;
  failed: number;
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = ententeSpawn(args);
  let stdout = "";
  let stderr = "";
  p.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
  p.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => p.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Everything a store holds that a duplicate or a lost write would change. */
async function contents(db: string) {
  const s: EventStore = await openStore(db);
  try {
    const docs = await s.listDocuments({ limit: 10_000 });
    return { counts: await s.counts(), docs: docs.map((d) => d.id), events: (await s.events({ limit: 1_000_000 })).map((e) => `${e.docId}#${e.id}`) };
  } finally {
    await s.close();
  }
}

function concurrentIngest(name: string, fresh: () => Promise<string>) {
  describe(`two ingests at once: ${name}`, () => {
    it("store each document once, lose nothing, and index like one ingest", async () => {
      const [together, alone] = [await fresh(), await fresh()];
      const [a, b] = await Promise.all([
        run(["ingest", ...shared, ...onlyA, "--db", together, "--no-progress"]),
        run(["ingest", ...shared, ...onlyB, "--db", together, "--no-progress"]),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const one = entente(["ingest", ...shared, ...onlyA, ...onlyB, "--db", alone, "--no-progress"]);
      expect(one.code, one.stderr).toBe(0);
      const [sa, sb, s1] = [a, b, one].map((r) => JSON.parse(r.stdout) as Summary);
      // every document stored by exactly one of the two; the shared ones found stored by the other
      expect(sa!.added + sb!.added).toBe(s1!.added);
      expect(sa!.existing + sb!.existing).toBe(shared.length);
      expect(sa!.failed + sb!.failed).toBe(0);
      const [got, want] = await Promise.all([contents(together), contents(alone)]);
      expect(got).toEqual(want);
      expect(new Set(got.docs).size).toBe(got.docs.length);
      // the dyad table (brought up to date by the command) is the same as after one ingest
      const [t1, t2] = [together, alone].map((db) => entente(["dyads", "--db", db]));
      expect(t1!.code, t1!.stderr).toBe(0);
      expect(t1!.stdout).toBe(t2!.stdout);
      expect(JSON.parse(t1!.stdout).length).toBeGreaterThan(10);
    });
  });
}

let n = 0;
concurrentIngest("SQLite", async () => path.join(tmp, `s${++n}.db`));

describe.skipIf(!PG_URL)(`PostgreSQL${PG_SKIP}`, () => {
  const schemas = pgSchemas(PG_URL!);
  afterAll(() => schemas.dropAll());
  concurrentIngest("PostgreSQL", async () => (await schemas.create("conc")).url);
});
