/**
 * `entente eval` gives the same figures as the reference scorer kept in ../shared/tools, and our
 * scorer counts matches as the format defines them.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GoldSchema, scoreOutput } from "../src/analysis/score.js";
import type { EntenteOutput, OutEvent } from "../src/core/output.js";
import { entente } from "../src/test-support/cli.js";
import { HAS_SHARED, REPO, SKIP_SHARED, shared } from "../src/test-support/shared.js";

const dir = mkdtempSync(path.join(tmpdir(), "entente-eval-"));
const miniGold = GoldSchema.parse(JSON.parse(readFileSync(path.join(REPO, "test/fixtures/mini.gold.json"), "utf8")));
const TEXT = readFileSync(path.join(REPO, "test/fixtures/mini.txt"), "utf8").trim();

function ev(id: string, phrase: string, source: string[], target: string[], polarity: OutEvent["polarity"], extra: Partial<OutEvent> = {}): OutEvent {
  const start = TEXT.indexOf(phrase);
  return {
    id, type: "X", mode: null, cameo: null, polarity, intensity: 1, arena: ["political"], source, target, mutual: false,
    modality: "asserted", negated: false, attributedTo: null, date: null, location: null,
    evidence: { start, end: start + phrase.length, text: phrase }, confidence: 1, rule: "test", ...extra,
  };
}
const actor = (id: string, name: string) => ({ id, name, type: "state" as const, country: id, code: id, role: null, leaning: null, aliases: [name], mentions: [] });
const base = (): EntenteOutput => ({
  format: "entente/1",
  document: { id: "x", title: null, author: null, outlet: null, published: null, source: { path: "mini.txt" }, contentType: "text", text: TEXT },
  actors: [actor("IRN", "Iran"), actor("RUS", "Russia"), actor("CHN", "China")],
  events: [],
  dyads: [],
  triads: [],
  diagnostics: [],
});

describe("scoreOutput counts as the format defines", () => {
  it.each([
    ["nothing found", [], { recall: 0, precision: 0, f1: 0 }],
    ["both core events", [ev("a", "Iran and Russia signed a defence pact in Moscow", ["IRN"], ["RUS"], "cooperation"), ev("b", "Russia vetoed a resolution against Iran at the UN", ["RUS"], ["IRN"], "cooperation")], { recall: 1, precision: 1, f1: 1 }],
    ["wrong polarity does not match", [ev("a", "Russia vetoed a resolution against Iran", ["RUS"], ["IRN"], "conflict")], { recall: 0, precision: 0 }],
    ["wrong direction does not match a directed event", [ev("a", "Russia vetoed a resolution against Iran", ["IRN"], ["RUS"], "cooperation")], { recall: 0 }],
    ["either direction matches a mutual event", [ev("a", "Iran and Russia signed a defence pact", ["RUS"], ["IRN"], "cooperation")], { recall: 0.5, precision: 1 }],
    ["a duplicate report costs precision", [ev("a", "Russia vetoed a resolution against Iran", ["RUS"], ["IRN"], "cooperation"), ev("b", "Russia vetoed a resolution against Iran at the UN", ["RUS"], ["IRN"], "cooperation")], { recall: 0.5, precision: 0.5 }],
    ["an optional match neither counts nor costs", [ev("a", "Russia vetoed a resolution against Iran", ["RUS"], ["IRN"], "cooperation"), ev("c", "China did not join the talks", ["CHN"], ["IRN"], "conflict")], { recall: 0.5, precision: 1 }],
  ])("%s", (_, events, want) => {
    const s = scoreOutput(miniGold, { ...base(), events: events as OutEvent[] });
    expect(s.events).toMatchObject(want);
  });
  it("maps actors through names, countries and codes", () => {
    const s = scoreOutput(miniGold, { ...base(), actors: [{ ...actor("ZARIF", "Zarif"), country: "IRN", type: "official" as never }] });
    expect(s.actors.missed).toEqual(["RUS", "UNSC"]);
  });
  it("checks dyads with sign and fragility", () => {
    const dyad = { pair: ["IRN", "RUS"] as [string, string], score: 2, polarity: "cooperation" as const, arenas: {}, fragility: ["e1"], hedging: [], events: [] };
    expect(scoreOutput(miniGold, { ...base(), dyads: [dyad] }).dyads.ok).toBe(1);
    expect(scoreOutput(miniGold, { ...base(), dyads: [{ ...dyad, fragility: [] }] }).dyads.ok).toBe(0);
  });
});

describe.skipIf(!HAS_SHARED)(`entente eval agrees with the reference scorer ${SKIP_SHARED}`, () => {
  it.each([
    ["the seed", shared("gold/iran-russia-ties.gold.json"), shared("seed/iran-russia-ties.txt")],
    ["our fixture", path.join(REPO, "test/fixtures/mini.gold.json"), path.join(REPO, "test/fixtures/mini.txt")],
  ])("on %s", (_, gold, text) => {
    const a = entente(["analyze", text, "--format", "json"]);
    expect(a.code).toBe(0);
    const outFile = path.join(dir, path.basename(gold) + ".out.json");
    writeFileSync(outFile, a.stdout);
    const reference = execFileSync(process.execPath, [shared("tools/score-gold.mjs"), gold, outFile, "--json"], { encoding: "utf8" });
    const ours = entente(["eval", gold, "--json"]);
    expect(ours.code).toBe(0);
    expect(JSON.parse(ours.stdout)).toEqual(JSON.parse(reference));
    const refText = execFileSync(process.execPath, [shared("tools/score-gold.mjs"), gold, outFile], { encoding: "utf8" });
    expect(entente(["eval", gold]).stdout).toBe(refText);
  });
});
