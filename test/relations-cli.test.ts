/**
 * The relation commands end to end, as a user runs them: ingest the bundled examples, then
 * dyads, dyad, triads, report and reindex; and bad input gets one line and a non-zero exit.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entente } from "../src/test-support/cli.js";
import { REPO } from "../src/test-support/shared.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "entente-relations-"));
const db = path.join(dir, "ex.db");
const json = (s: string) => JSON.parse(s) as unknown;

describe("relation commands on the bundled examples", () => {
  beforeAll(() => {
    const r = entente(["ingest", path.join(REPO, "examples"), "--db", db, "--no-progress"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/pairs? re-clustered/);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("dyads: every pair with a bounded score, filtered by a state named in words", () => {
    const r = entente(["dyads", "--db", db, "--actor", "Iran"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = json(r.stdout) as { pair: string[]; score: number; clusters: number }[];
    expect(rows.length).toBeGreaterThan(2);
    for (const d of rows) {
      expect(d.pair).toContain("IRN");
      expect(Math.abs(d.score)).toBeLessThanOrEqual(10);
    }
    const t = entente(["dyads", "--db", db, "-f", "table", "--arena", "military"]);
    expect(t.stdout).toMatch(/^pair\s+score\s+polarity/);
  });

  it("dyad: Iran–Russia per year over several years, with a trend per arena", () => {
    const r = entente(["dyad", "Iran", "RUS", "--db", db, "--by", "year"]);
    expect(r.code, r.stderr).toBe(0);
    const s = json(r.stdout) as { pair: string[]; points: { window: string }[]; trend: Record<string, { windows: number; stderr: number | null }> };
    expect(s.pair).toEqual(["IRN", "RUS"]);
    expect(new Set(s.points.map((p) => p.window)).size).toBeGreaterThanOrEqual(3);
    expect(s.trend.all!.windows).toBe(s.points.length);
    expect(s.trend.all!.stderr).not.toBeNull();
    const t = entente(["dyad", "Iran", "Russia", "--db", db, "--by", "quarter", "-f", "table"]);
    expect(t.stdout).toMatch(/trend: all [+-][\d.]+ ± [\d.]+ per quarter/);
  });

  it("triads: a signed network with triads and centrality", () => {
    const r = entente(["triads", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    const n = json(r.stdout) as { nodes: unknown[]; edges: unknown[]; triads: { balanced: boolean; signs: number[] }[] };
    expect(n.edges.length).toBeGreaterThan(3);
    expect(n.triads.length).toBeGreaterThan(0);
  });

  it("report: Markdown and standalone HTML with a trend over several years", () => {
    const md = entente(["report", "Iran", "Russia", "--db", db]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/Iran–Russia: (strong|moderate|weak) cooperation/);
    // the per-year table: at least three years with a score
    const years = [...md.stdout.matchAll(/^\| (\d{4}) \| [+-]\d+\.\d\d \|/gm)].map((m) => m[1]);
    expect(years.length).toBeGreaterThanOrEqual(3);
    expect(md.stdout).toMatch(/^\| all \| [+-][\d.]+ ± [\d.]+ \| (rising|falling|flat) \| \d+ \|/m);
    const out = path.join(dir, "ir.html");
    const html = entente(["report", "IRN", "RUS", "--db", db, "--format", "html", "-o", out]);
    expect(html.code, html.stderr).toBe(0);
    const page = readFileSync(out, "utf8");
    expect(page).toContain("<svg");
    expect(page).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
    expect(page).not.toMatch(/<script[^>]*src=/i);
  });

  it("reindex: re-clustering everything changes no figure", () => {
    const before = entente(["dyads", "--db", db]).stdout;
    const r = entente(["reindex", "--db", db, "--rebuild"]);
    expect(r.code, r.stderr).toBe(0);
    expect((json(r.stdout) as { pairs: number }).pairs).toBeGreaterThan(0);
    expect(entente(["dyads", "--db", db]).stdout).toBe(before);
  });

  it("other index settings re-weigh every pair, then ours restore the figures", () => {
    const before = entente(["dyads", "--db", db]).stdout;
    const cfg = path.join(dir, "index.yaml");
    writeFileSync(cfg, "scale: 50\n");
    const other = entente(["dyads", "--db", db, "--index-config", cfg]).stdout;
    expect(other).not.toBe(before);
    expect(entente(["dyads", "--db", db]).stdout).toBe(before);
  });

  it.each([
    [["report", "Iran", "Atlantis"], /Atlantis: not a state Entente knows/, 2],
    [["report", "Iran", "Iran"], /two different states/, 2],
    [["dyad", "Iran", "Russia", "--since", "last week"], /--since takes a date/, 2],
    [["dyads", "--db", "no-such.db"], /no-such\.db: no such database/, 1],
    [["dyads", "--index-config", "/nonexistent.yaml"], /nonexistent\.yaml/, 1],
  ])("refuses %j with one line", (args, re, code) => {
    const r = entente(args[0] === "dyads" && args.includes("--db") ? args : [...args, "--db", db], { cwd: dir });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(re);
    // one line says what is wrong (commander may add its "--help" hint on a second)
    const lines = r.stderr.trim().split("\n");
    expect(lines.length === 1 || (lines.length === 2 && /--help/.test(lines[1]!))).toBe(true);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    expect(existsSync(db)).toBe(true);
  });
});
