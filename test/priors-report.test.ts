/**
 * Issue 8, acceptance 3: with the four prior datasets imported beside the seed's events,
 * `entente report IRN RUS` shows the structural panel and the divergence, cited to dataset and year.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { entente } from "../src/test-support/cli.js";
import { HAS_SHARED, SKIP_SHARED, shared } from "../src/test-support/shared.js";

describe.skipIf(!HAS_SHARED)(`a brief with structural priors ${SKIP_SHARED}`, () => {
  const db = path.join(mkdtempSync(path.join(tmpdir(), "entente-priors-report-")), "p.db");
  beforeAll(() => {
    const run = (args: string[]) => {
      const r = entente([...args, "--db", db]);
      expect(r.code, r.stderr).toBe(0);
    };
    run(["ingest", shared("seed")]);
    run(["priors", "import", "unvotes", shared("priors/un_votes.csv.gz"), "--roll-calls", shared("priors/un_roll_calls.csv")]);
    run(["priors", "import", "atop", shared("priors/atop_alliance.csv.gz")]);
    run(["priors", "import", "sipri", shared("priors/sipri_tiv.csv")]);
    run(["priors", "import", "cow-trade", shared("priors/cow_trade_ndy.csv.gz")]);
    run(["priors", "import", "cow-trade-totals", shared("priors/cow_trade_sy.csv")]);
  }, 180_000);

  it("shows the structural panel per year and the divergence, cited to dataset and year", () => {
    const r = entente(["report", "IRN", "RUS", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    const panel = r.stdout.slice(r.stdout.indexOf("## Structural ties"));
    expect(panel).toMatch(/\| 2016 \| \+\d\.\d\d \| \d+\/\d+ \(π /);
    // neutrality, non-aggression and consultation both ways: ATOP level 3
    expect(panel).toMatch(/\| 2010 \|[^\n]*\| 3 \/ 3 \|/);
    // the seed's warm event record over thinner ties is a fragility signal, citing both sides
    expect(r.stdout).toMatch(/structural-divergence|Divergence \(a fragility signal\)/);
    expect(panel).toMatch(/Sources: [^\n]*UNGA \d{4}[^\n]*ATOP \d{4}/);
  });

  it("gives the same panel as JSON and HTML, the HTML with inline small multiples", () => {
    const j = JSON.parse(entente(["report", "IRN", "RUS", "--db", db, "--format", "json"]).stdout);
    expect(j.structural.years.length).toBeGreaterThan(10);
    expect(j.structural.divergence.structural.map((c: { dataset: string }) => c.dataset)).toContain("ATOP");
    const html = entente(["report", "IRN", "RUS", "--db", db, "--format", "html"]).stdout;
    expect(html).toContain('class="multiples"');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
