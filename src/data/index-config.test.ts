import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadIndexConfig } from "./coding.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "entente-index-config-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("dyad index settings", () => {
  it("loads ours, with asserted weighing most and hypothetical least", () => {
    const c = loadIndexConfig();
    expect(c.modality.asserted).toBe(1);
    expect(Math.min(...Object.values(c.modality))).toBe(c.modality.hypothetical);
    expect(c.scale).toBeGreaterThan(0);
  });
  it("takes a user's file over ours, field by field", () => {
    const c = loadIndexConfig(file("u.yaml", "modality:\n  hypothetical: 0.1\nscale: 40\n"));
    expect(c.modality).toMatchObject({ asserted: 1, hypothetical: 0.1 });
    expect(c.scale).toBe(40);
  });
  it.each([
    ["an unknown field", "scael: 40\n", /scael/],
    ["a weight out of range", "modality:\n  asserted: 3\n", /modality\.asserted/],
    ["hypothetical above asserted", "modality:\n  asserted: 0.2\n  reported: 0.2\n", /asserted ≥ reported ≥ hypothetical/],
    ["bad YAML", "scale: [\n", /bad YAML/],
    ["a list instead of settings", "- 1\n", /mapping/],
  ])("refuses %s, naming the file", (_w, text, re) => {
    const p = file(`bad-${Math.random().toString(36).slice(2)}.yaml`, text);
    expect(() => loadIndexConfig(p)).toThrow(re);
    try {
      loadIndexConfig(p);
    } catch (e) {
      expect(String((e as Error).message) + JSON.stringify(e)).toContain(path.basename(p));
    }
  });
});
