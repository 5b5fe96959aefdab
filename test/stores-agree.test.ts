/**
 * The same documents give the same dyad tables whichever store holds them: the bundled examples
 * ingested into a SQLite file and into PostgreSQL through the CLI, then every relation command's
 * output compared byte for byte. Runs the built CLI (`npm test` builds first).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entente } from "../src/test-support/cli.js";
import { PG_SKIP, PG_URL, pgSchemas } from "../src/test-support/pg.js";

describe.skipIf(!PG_URL)(`SQLite and PostgreSQL agree on the examples${PG_SKIP}`, () => {
  const schemas = pgSchemas(PG_URL!);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "entente-agree-")), "examples.db");
  let url = "";
  afterAll(() => schemas.dropAll());

  beforeAll(async () => {
    url = (await schemas.create("agree")).url;
    for (const db of [file, url]) {
      const r = entente(["ingest", "examples", "--db", db, "--no-progress"]);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it("stores the same counts", () => {
    const [a, b] = [file, url].map((db) => JSON.parse(entente(["stats", "--db", db]).stdout) as Record<string, unknown>);
    expect({ ...b, db: null }).toEqual({ ...a, db: null });
    expect(a.documents).toBeGreaterThan(20);
  });

  it.each([
    ["dyads"],
    ["dyads", "-f", "table"],
    ["dyad", "Iran", "Russia", "--by", "year"],
    ["dyad", "Iran", "China", "--by", "quarter", "--since", "2016", "--until", "2021-06"],
    ["dyad", "Russia", "China", "--by", "month"],
    ["triads"],
    ["report", "Iran", "Russia"],
  ])("entente %s … gives the same output", (...args) => {
    const [a, b] = [file, url].map((db) => entente([...args, "--db", db]));
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(100);
    expect(b.stdout).toBe(a.stdout);
  });
});
