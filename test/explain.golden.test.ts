/**
 * Golden test of `entente analyze --explain` on a note of ours: the decision trail (pattern,
 * actors, participants, polarity, modality, attribution, arena, date) for every event.
 * Regenerate with UPDATE_GOLDEN=1 after checking the change by eye.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entente } from "../src/test-support/cli.js";
import { REPO } from "../src/test-support/shared.js";

const GOLDEN = path.join(REPO, "test/golden/explain.txt");

describe("entente analyze --explain", () => {
  it("prints the same decision trail as the golden file", () => {
    const r = entente(["analyze", "test/fixtures/explain.txt", "--explain"]);
    expect(r.code).toBe(0);
    // pattern locations carry absolute paths; keep them relative to the repo
    const got = r.stdout.split(REPO + path.sep).join("");
    if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) writeFileSync(GOLDEN, got);
    expect(got).toBe(readFileSync(GOLDEN, "utf8"));
  });
});
