/**
 * Golden test of `entente report Iran Russia` on the seed article: verdict, scores, trends,
 * signals, triads and which events are quoted where. The seed's own sentences and title are not
 * ours to copy, so the golden file holds a fingerprint of each quoted text (its length and a
 * hash) instead of the words. Regenerate with UPDATE_GOLDEN=1 after checking the change by eye.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { entente } from "../src/test-support/cli.js";
import { HAS_SHARED, REPO, SKIP_SHARED, shared } from "../src/test-support/shared.js";

const GOLDEN = path.join(REPO, "test/golden/seed-report.md");
const fingerprint = (s: string) => `[${s.length} chars, sha1 ${createHash("sha1").update(s).digest("hex").slice(0, 10)}]`;

/** The report with every quoted sentence and document title replaced by its fingerprint. */
export function redact(md: string): string {
  return md
    .split("\n")
    .map((line) => (/^> (?!—)/.test(line) && line.length > 2 ? `> ${fingerprint(line.slice(2))}` : line.replace(/“([^”]*)”/g, (_m, t: string) => `“${fingerprint(t)}”`)))
    .join("\n");
}

describe.skipIf(!HAS_SHARED)(`entente report on the seed ${SKIP_SHARED}`, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "entente-report-golden-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the same Iran–Russia brief as the golden file", () => {
    const db = path.join(dir, "seed.db");
    expect(entente(["ingest", shared("seed/iran-russia-ties.txt"), "--db", db, "--no-progress"]).code).toBe(0);
    const r = entente(["report", "Iran", "Russia", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\*\*Verdict:\*\* Iran–Russia: strong cooperation .*fragile \(\d+ signals\); Iran hedging toward China/m);
    const got = redact(r.stdout);
    if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) writeFileSync(GOLDEN, got);
    expect(got).toBe(readFileSync(GOLDEN, "utf8"));
  });
});
