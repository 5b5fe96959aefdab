/**
 * The tier rule, checked: folders by dependency tier, lower never importing higher; and the
 * thin core (core, nlp, coding) imports no database, HTTP or filesystem module.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../src/test-support/shared.js";

/** Lower numbers are lower tiers. A module may import its own folder or a lower tier. */
const TIER: Record<string, number> = { core: 0, nlp: 1, ingest: 1, store: 1, data: 1, interop: 2, coding: 2, analysis: 3, report: 4, app: 5, server: 6, cli: 7, web: 7 };
const PURE = new Set(["core", "nlp", "coding"]);
const IO_MODULES = /^(node:)?(fs|fs\/promises|http|https|net|dgram|child_process)$|^better-sqlite3$|^pg$|^@duckdb\//;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !/\.(test|suite)\.tsx?$/.test(f) ? [p] : [];
  });
}

const SRC = path.join(REPO, "src");
const modules = files(SRC).filter((f) => !f.includes(`${path.sep}test-support${path.sep}`));

describe("architecture", () => {
  it("knows every top-level folder's tier", () => {
    const folders = new Set(modules.map((f) => path.relative(SRC, f).split(path.sep)[0]!));
    for (const f of folders) expect(TIER, `folder src/${f} needs a tier in this test and in docs/ARCHITECTURE.md`).toHaveProperty(f);
  });
  it.each(modules.map((m) => [path.relative(REPO, m), m]))("%s imports only its tier and below", (_, file) => {
    const tierOf = (p: string) => path.relative(SRC, p).split(path.sep)[0]!;
    const mine = tierOf(file);
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) {
        const target = tierOf(path.resolve(path.dirname(file), spec));
        if (target !== mine) expect(TIER[target]!, `${file} imports ${spec} (src/${target} is not below src/${mine})`).toBeLessThan(TIER[mine]!);
      } else if (PURE.has(mine)) {
        expect(spec, `${file} in src/${mine} must not import ${spec}`).not.toMatch(IO_MODULES);
      }
    }
  });
});
