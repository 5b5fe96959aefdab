import { describe, expect, it } from "vitest";
import { loadIndexConfig, loadStructuralConfig } from "../data/coding.js";
import type { Cluster } from "../core/dyad.js";
import { panelYears, structuralPanel } from "./assess.js";
import { figuresOf, sumClusters } from "./dyadindex.js";
import { indexPriors } from "./structural.js";

// invented priors: two states that vote apart and have no alliance, and a warm event record
const votes = [2017, 2018, 2019].flatMap((year) =>
  Array.from({ length: 10 }, (_, i) => [
    { rcid: year * 100 + i, year, state: "AAA", vote: "yes" as const },
    { rcid: year * 100 + i, year, state: "BBB", vote: i < 3 ? ("yes" as const) : ("no" as const) },
    { rcid: year * 100 + i, year, state: "CCC", vote: i % 3 ? ("yes" as const) : ("abstain" as const) },
  ]).flat(),
);
const atop = [2017, 2018].map((year) => ({ year, from: "AAA", to: "CCC", defense: true, offense: false, neutrality: false, nonAggression: false, consultation: true }));
const index = indexPriors({ votes, atop });
const config = loadStructuralConfig();
const cluster = (i: number): Cluster => ({
  id: `c${i}`, a: "AAA", b: "BBB", mutual: true, type: "COOPERATE", polarity: "cooperation", day: `2019-0${(i % 9) + 1}-01`, month: `2019-0${(i % 9) + 1}`,
  arenas: 1, intensity: 6, modality: "asserted", confidence: 0.9, reports: 1, sources: 1, contribution: 5.4, weight: 0.9, fragility: false, hedging: false,
  onlySourceCountry: null, refs: [`d${i}#e1`],
});

describe("structural panel in an assessment", () => {
  it.each([
    [undefined, undefined, [2017, 2018, 2019]],
    ["2018", undefined, [2018, 2019]],
    ["2016-05", "2018-12-31", [2016, 2017, 2018]],
  ])("covers the asked years, else the priors' (since %s, until %s)", (since, until, want) => {
    expect(panelYears(index, since, until)).toEqual(want);
  });

  it("covers no year when no priors are stored", () => {
    expect(panelYears(indexPriors({}), undefined, undefined)).toEqual([]);
  });

  it("flags warm events over thin ties as a divergence citing clusters and datasets", () => {
    const clusters = Array.from({ length: 12 }, (_, i) => cluster(i));
    const overall = figuresOf(sumClusters(clusters, null), loadIndexConfig())[0]!;
    expect(overall.score).toBeGreaterThan(8);
    const p = structuralPanel(["AAA", "BBB"], { index, config }, overall, clusters);
    expect(p.years.map((s) => s.year)).toEqual([2017, 2018, 2019]);
    expect(p.divergence).not.toBeNull();
    expect(p.divergence!.refs.length).toBeGreaterThan(0);
    expect(p.divergence!.structural.map((c) => c.dataset)).toContain("UNGA");
  });

  it("does not flag a pair whose event record matches its ties, or one with too few clusters", () => {
    const few = [cluster(1)];
    const overall = figuresOf(sumClusters(few, null), loadIndexConfig())[0]!;
    expect(structuralPanel(["AAA", "BBB"], { index, config }, overall, few).divergence).toBeNull();
    expect(structuralPanel(["AAA", "BBB"], { index, config }, null, []).divergence).toBeNull();
  });
});
