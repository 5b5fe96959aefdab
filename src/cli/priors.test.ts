/**
 * `entente priors import` end to end, on the built CLI (build first:
 * `npx tsc -p tsconfig.build.json && node scripts/compile-data.mjs`), over small files of our own.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { entente } from "../test-support/cli.js";
import { PG_SKIP, PG_URL, pgSchemas } from "../test-support/pg.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "entente-priors-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const ATOP = file("atop.csv", "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n630,365,2001,0,0,1,1,1\n365,630,2001,0,0,1,1,1\n630,999,2001,0,0,1,1,1\n");

describe("entente priors import", () => {
  it("prints a JSON summary on stdout and the counts on stderr; a re-import replaces", () => {
    const db = path.join(dir, "p.db");
    const r = entente(["priors", "import", "atop", ATOP, "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: "atop", rows: 3, imported: 2, replaced: 0, skipped: 1, skippedBy: { "unknown-code": 1 }, years: [2001, 2001], problems: [{ row: 4 }] });
    expect(r.stderr).toMatch(/priors import atop: 3 rows: 2 imported \(2001–2001\), 1 skipped \(unknown-code 1\), 0 replaced/);
    expect(r.stderr).toMatch(/row 4: COW code 999 is not in the crosswalk/);
    const again = entente(["priors", "import", "atop", ATOP, "--db", db]);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 2, replaced: 2 });
  });
  it.each([
    [["priors", "import", "unvotes", file("votes.csv", "rcid,country,country_code,vote\n1,Iran,IR,yes\n")], 1, /give the roll-call file \(rcid, date\) with --roll-calls FILE/],
    [["priors", "import", "atop", file("bad.csv", "ccode1,ccode2,year\n630,365,2001\n")], 1, /missing columns atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul/],
    [["priors", "import", "atop", path.join(dir, "nope.csv")], 1, /no such file/],
    [["priors", "import", "gdelt", ATOP], 2, /Allowed choices are unvotes, atop, sipri, cow-trade, cow-trade-totals/],
  ])("refuses %j with one line (exit %i)", (args, code, msg) => {
    const r = entente([...args, "--db", path.join(dir, "refused.db")]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    // bad input: one line; bad usage: commander's line and a pointer to --help
    expect(r.stderr.trim().split("\n")).toHaveLength(code === 1 ? 1 : 2);
    expect(r.stderr.split("\n")[0]).toMatch(msg);
  });
  it("has --help naming the datasets and --roll-calls", () => {
    const r = entente(["priors", "import", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/unvotes.*atop.*sipri.*cow-trade.*cow-trade-totals/s);
    expect(r.stdout).toMatch(/--roll-calls <file>/);
  });
  it.skipIf(!PG_URL)(`imports into PostgreSQL with --db postgres://…${PG_SKIP}`, async () => {
    const schemas = pgSchemas(PG_URL!);
    try {
      const { url } = await schemas.create("pcli");
      const r = entente(["priors", "import", "atop", ATOP, "--db", url]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ imported: 2, replaced: 0 });
      expect(JSON.parse(entente(["priors", "import", "atop", ATOP, "--db", url]).stdout)).toMatchObject({ imported: 2, replaced: 2 });
    } finally {
      await schemas.dropAll();
    }
  });
});
