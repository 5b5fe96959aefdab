/**
 * Acceptance for actors on the seed article: actor recall as the reference scorer counts it, and
 * every outlet with the country and leaning the article gives it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAnalyzer } from "../src/app/setup.js";
import { GoldSchema, scoreOutput } from "../src/analysis/score.js";
import { readInput } from "../src/ingest/sources.js";
import { HAS_SHARED, SKIP_SHARED, shared } from "../src/test-support/shared.js";

describe.skipIf(!HAS_SHARED)(`actors in the seed article ${SKIP_SHARED}`, async () => {
  const gold = HAS_SHARED ? GoldSchema.parse(JSON.parse(readFileSync(shared("gold/iran-russia-ties.gold.json"), "utf8"))) : null;
  const out = HAS_SHARED ? loadAnalyzer().analyze((await readInput({ kind: "file", path: shared("seed/iran-russia-ties.txt"), fromFolder: false }))[0]!) : null;

  it("finds at least 95% of the gold actors", () => {
    const s = scoreOutput(gold!, out!);
    process.stderr.write(`  seed actor recall ${s.actors.recall.toFixed(3)}; missed: ${s.actors.missed.join(" ") || "-"}\n`);
    expect(s.actors.recall).toBeGreaterThanOrEqual(0.95);
  });

  it("gives every outlet its country and the leaning the article states", () => {
    const squash = (x: string) => x.toLowerCase().replace(/[^a-z ]/g, " ").split(/\s+/).filter((w) => w && w !== "the");
    for (const g of gold!.actors.filter((a) => a.type === "media")) {
      const names = new Set([g.key, ...(g.names ?? [])].map((n) => n.toLowerCase()));
      const a = out!.actors.find((x) => x.type === "media" && [x.name, ...x.aliases].some((n) => names.has(n.toLowerCase())));
      expect(a, `outlet ${g.key}`).toBeDefined();
      expect(a!.country, `country of ${g.key}`).toBe(g.country);
      const leaning = (g as { leaning?: string }).leaning;
      if (leaning) {
        const got = new Set(squash(a!.leaning ?? ""));
        for (const w of squash(leaning)) expect(got.has(w), `leaning of ${g.key}: "${a!.leaning}" should say "${leaning}"`).toBe(true);
      }
    }
  });
});
