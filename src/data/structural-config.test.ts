import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadStructuralConfig } from "./coding.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "entente-structural-config-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("structural index settings", () => {
  it("loads ours: π as the UN measure, a 5-year arms window, weights summing to 1", () => {
    const c = loadStructuralConfig();
    expect(c.un.measure).toBe("pi");
    expect(c.arms.windowYears).toBe(5);
    expect(c.weights.un + c.weights.alliance + c.weights.arms + c.weights.trade).toBeCloseTo(1);
    expect(c.divergence.threshold).toBeGreaterThan(0);
  });
  it("takes a user's file over ours, field by field", () => {
    const c = loadStructuralConfig(file("u.yaml", "arms:\n  windowYears: 3\nweights:\n  trade: 0\n"));
    expect(c.arms).toMatchObject({ windowYears: 3, trendLagYears: 2 });
    expect(c.weights).toMatchObject({ un: 0.4, trade: 0 });
  });
  it.each([
    ["an unknown field", "wieghts:\n  un: 1\n", /wieghts/],
    ["an unknown UN measure", "un:\n  measure: sscore\n", /un\.measure/],
    ["a negative weight", "weights:\n  un: -1\n", /weights\.un/],
    ["every weight 0", "weights:\n  un: 0\n  alliance: 0\n  arms: 0\n  trade: 0\n", /at least one structural weight/],
    ["a window of 0 years", "arms:\n  windowYears: 0\n", /arms\.windowYears/],
    ["bad YAML", "un: [\n", /bad YAML/],
    ["a list instead of settings", "- 1\n", /mapping of structural settings/],
  ])("refuses %s, naming the file", (_w, text, re) => {
    const p = file(`bad-${Math.random().toString(36).slice(2)}.yaml`, text);
    expect(() => loadStructuralConfig(p)).toThrow(re);
    try {
      loadStructuralConfig(p);
    } catch (e) {
      expect(String((e as Error).message) + JSON.stringify(e)).toContain(path.basename(p));
    }
  });
});
