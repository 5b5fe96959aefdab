/**
 * Structural measures against small hand-made tables, with the arithmetic written out, and the
 * must-not cases (votes of other years or states, rows of other recipients, missing data).
 */
import { describe, expect, it } from "vitest";
import type { AtopObligation, ArmsTransfer, DyadTrade, NationalTrade, UnVote } from "../core/priors.js";
import { loadStructuralConfig } from "../data/coding.js";
import type { Cluster } from "../core/dyad.js";
import type { Signal } from "./assess.js";
import { type VoteTable, VOTE_ORDER, agreementOfTable, eventSide, armsDependence, atopLevel, indexPriors, structuralDivergence, structuralFor, structuralTable, tradeDependence, unAgreement, unAgreementTable } from "./structural.js";

const cfg = loadStructuralConfig();

/** Votes of A and B in `year` reproducing a 3×3 table (rows A's vote, columns B's), rcids from `start`. */
function votesOf(table: VoteTable, year = 2019, start = 1, a = "AAA", b = "BBB"): UnVote[] {
  const out: UnVote[] = [];
  let rcid = start;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < table[i]![j]!; k++) {
    out.push({ rcid, year, state: a, vote: VOTE_ORDER[i]! }, { rcid, year, state: b, vote: VOTE_ORDER[j]! });
    rcid++;
  }
  return out;
}

describe("UN voting agreement", () => {
  // rows A (yes, abstain, no), columns B
  //          yes abs no | A
  //   yes     6   2   0 | 8
  //   abs     1   2   0 | 3
  //   no      0   0   1 | 1
  //   B       7   4   1 | n = 12, agreements 6 + 2 + 1 = 9, share 9/12 = 0.75
  // κ: Pe = (8·7 + 3·4 + 1·1)/144 = 69/144; κ = (108 − 69)/(144 − 69) = 39/75 = 0.52
  // π: pooled counts (15, 7, 2)/24; Pe = (225 + 49 + 4)/576 = 278/576; π = (432 − 278)/(576 − 278) = 154/298 = 0.5168
  // weights w = 1 − |i − j|/2: Po_w = (9 + ½·(2 + 1))/12 = 10.5/12 = 0.875
  //   κ_w: Pe_w = [8·(7 + ½·4) + 3·(½·7 + 4 + ½·1) + 1·(½·4 + 1)]/144 = (72 + 24 + 3)/144 = 99/144 = 0.6875
  //        κ_w = (0.875 − 0.6875)/(1 − 0.6875) = 0.6
  //   π_w: Pe_w = [15·(15 + ½·7) + 7·(½·15 + 7 + ½·2) + 2·(½·7 + 2)]/576 = (277.5 + 108.5 + 11)/576 = 397/576
  //        π_w = (504 − 397)/(576 − 397) = 107/179 = 0.5978
  const T: VoteTable = [
    [6, 2, 0],
    [1, 2, 0],
    [0, 0, 1],
  ];
  it("gives the hand-computed share, κ, π and their weighted forms", () => {
    const u = agreementOfTable("AAA", "BBB", 2019, T);
    expect(u).toMatchObject({ n: 12, agreements: 9, share: 0.75, kappa: 0.52, pi: 0.5168, kappaWeighted: 0.6, piWeighted: 0.5978, degenerate: false });
  });
  it("reads the same from votes, ignoring other years, other states and votes only one side cast", () => {
    const noise: UnVote[] = [
      ...votesOf([[0, 0, 5], [0, 0, 0], [0, 0, 0]], 2018, 500), // another year: must not count
      { rcid: 900, year: 2019, state: "AAA", vote: "yes" }, // only A voted: must not count
      { rcid: 901, year: 2019, state: "BBB", vote: "no" }, // only B voted: must not count
      { rcid: 1, year: 2019, state: "CCC", vote: "no" }, // a third state on a shared roll call
    ];
    const u = unAgreement([...votesOf(T), ...noise], "AAA", "BBB", 2019);
    expect(u).toMatchObject({ n: 12, agreements: 9, share: 0.75, kappa: 0.52, pi: 0.5168 });
    expect(u.table).toEqual(T);
  });
  it.each<[string, VoteTable, Record<string, unknown>]>([
    ["no shared vote → all null", [[0, 0, 0], [0, 0, 0], [0, 0, 0]], { n: 0, share: null, pi: null, kappa: null, piWeighted: null, degenerate: false }],
    // Pe = 1: both voted only "yes" → agreement 5/5 but chance explains it all: π, κ null by choice
    ["one shared category only → share 1, π and κ null (Pe = 1)", [[5, 0, 0], [0, 0, 0], [0, 0, 0]], { n: 5, share: 1, pi: null, kappa: null, kappaWeighted: null, degenerate: true }],
    // two categories, always the same: Po = 1, Pe < 1 → 1
    ["always the same vote, two categories → π = κ = 1", [[3, 0, 0], [0, 2, 0], [0, 0, 0]], { share: 1, pi: 1, kappa: 1, piWeighted: 1, kappaWeighted: 1 }],
    // margins (½, 0, ½) each; Po = 0, Pe = ½ → (0 − ½)/½ = −1
    ["perfect opposition on yes/no → −1", [[0, 0, 4], [0, 0, 0], [4, 0, 0]], { share: 0, pi: -1, kappa: -1, kappaWeighted: -1 }],
    // A always yes, B always no: κ's Pe = 1·0 = 0 → κ = 0; π pools (½, 0, ½) → Pe = ½ → π = −1
    ["one always yes, the other always no → κ 0, π −1", [[0, 0, 5], [0, 0, 0], [0, 0, 0]], { share: 0, kappa: 0, pi: -1, degenerate: false }],
  ])("%s", (_w, table, want) => {
    expect(agreementOfTable("AAA", "BBB", 2019, table)).toMatchObject(want);
  });
  it("the all-pairs table matches pair by pair", () => {
    const votes = [...votesOf(T), ...votesOf([[2, 1, 0], [0, 0, 1], [3, 0, 2]], 2019, 1, "AAA", "CCC").filter((v) => v.state === "CCC")];
    const all = unAgreementTable(votes, 2019);
    expect(all.map((u) => `${u.a}-${u.b}`)).toEqual(["AAA-BBB", "AAA-CCC", "BBB-CCC"]);
    for (const u of all) expect(u).toEqual(unAgreement(votes, u.a, u.b, 2019));
  });
});

const atop = (from: string, to: string, year: number, kinds: Partial<Record<"defense" | "offense" | "neutrality" | "nonAggression" | "consultation", boolean>>): AtopObligation => ({
  year,
  from,
  to,
  defense: false,
  offense: false,
  neutrality: false,
  nonAggression: false,
  consultation: false,
  ...kinds,
});

describe("ATOP obligation level (directed)", () => {
  const rows = [
    atop("IRN", "RUS", 2018, { neutrality: true, nonAggression: true, consultation: true }),
    atop("RUS", "IRN", 2018, { consultation: true }),
    atop("RUS", "IRN", 1943, { defense: true, offense: true, consultation: true }),
    atop("IRN", "RUS", 1943, { consultation: true }),
    atop("IRN", "SYR", 2018, { defense: true }), // another pair: must not count
  ];
  it.each<[string, string, number, number, string[]]>([
    ["IRN", "RUS", 2018, 3, ["neutrality", "nonAggression", "consultation"]],
    ["RUS", "IRN", 2018, 1, ["consultation"]],
    ["RUS", "IRN", 1943, 5, ["defense", "offense", "consultation"]],
    ["IRN", "RUS", 1943, 1, ["consultation"]],
    ["RUS", "IRN", 2000, 0, []], // no row: no alliance
    ["SYR", "IRN", 2018, 0, []], // the reverse of a one-way row: none
  ])("%s→%s %i: level %i", (from, to, year, level, obligations) => {
    expect(atopLevel(rows, from, to, year)).toEqual({ from, to, year, level, obligations });
  });
  it("merges several rows of one directed dyad-year", () => {
    expect(atopLevel([atop("A", "B", 1, { consultation: true }), atop("A", "B", 1, { offense: true })], "A", "B", 1)).toMatchObject({ level: 4, obligations: ["offense", "consultation"] });
  });
});

describe("arms-supply dependence (recipient on supplier, directed)", () => {
  const t: ArmsTransfer[] = [
    { year: 2014, supplier: "RUS", recipient: "IRN", tiv: 100 },
    { year: 2016, supplier: "RUS", recipient: "IRN", tiv: 50 },
    { year: 2015, supplier: "CHN", recipient: "IRN", tiv: 50 },
    { year: 2010, supplier: "RUS", recipient: "IRN", tiv: 1000 }, // before the window: must not count
    { year: 2019, supplier: "RUS", recipient: "IRN", tiv: 1000 }, // after the year: must not count
    { year: 2015, supplier: "RUS", recipient: "SYR", tiv: 300 }, // another recipient: must not count
    { year: 2016, supplier: "IRN", recipient: "SYR", tiv: 20 },
  ];
  it.each<[string, string, number, number, number, number, number | null]>([
    // 2014–2018: RUS 100 + 50 = 150 of IRN's 150 + 50 = 200 → 0.75
    ["RUS", "IRN", 2018, 5, 150, 200, 0.75],
    // 2016–2018: RUS 50 of 50 → 1
    ["RUS", "IRN", 2018, 3, 50, 50, 1],
    // CHN 50 of 200
    ["CHN", "IRN", 2018, 5, 50, 200, 0.25],
    // RUS imported nothing → null
    ["IRN", "RUS", 2018, 5, 0, 0, null],
    // SYR: 20 from IRN of 320
    ["IRN", "SYR", 2018, 5, 20, 320, 0.0625],
    // nothing in 1996–2000 → null
    ["RUS", "IRN", 2000, 5, 0, 0, null],
  ])("%s→%s %i (window %i): %i of %i", (s, r, year, w, tiv, total, share) => {
    expect(armsDependence(t, s, r, year, w)).toEqual({ supplier: s, recipient: r, fromYear: year - w + 1, toYear: year, tiv, totalTiv: total, share });
  });
});

describe("trade dependence", () => {
  const totals: NationalTrade[] = [
    { year: 2014, state: "IRN", imports: 100, exports: 300 },
    { year: 2014, state: "RUS", imports: 1000, exports: 1000 },
    { year: 2014, state: "SYR", imports: 10, exports: null }, // one half null: the other alone
  ];
  const row = (a: string, b: string, aFromB: number | null, bFromA: number | null): DyadTrade => ({ year: 2014, a, b, aFromB, bFromA });
  it.each<[string, DyadTrade[], string, string, Record<string, unknown>]>([
    // 30 + 10 = 40; IRN 40/400 = 0.1, RUS 40/2000 = 0.02; weaker 0.02; asymmetry 0.08
    ["both flows", [row("IRN", "RUS", 30, 10)], "IRN", "RUS", { bilateral: 40, depA: 0.1, depB: 0.02, weakerLink: 0.02, asymmetry: 0.08, capped: false }],
    ["swapped states: asymmetry changes sign", [row("IRN", "RUS", 30, 10)], "RUS", "IRN", { bilateral: 40, depA: 0.02, depB: 0.1, weakerLink: 0.02, asymmetry: -0.08 }],
    ["one flow null: the other alone", [row("IRN", "RUS", null, 10)], "IRN", "RUS", { bilateral: 10, depA: 0.025, depB: 0.005, weakerLink: 0.005 }],
    ["both flows null: no data", [row("IRN", "RUS", null, null)], "IRN", "RUS", { bilateral: null, depA: null, depB: null, weakerLink: null, asymmetry: null }],
    ["no row: no data", [row("IRN", "SYR", 1, 1)], "IRN", "RUS", { bilateral: null, weakerLink: null }],
    ["a total with one half null uses the other; over 1 is capped", [row("IRN", "SYR", 4, 8)], "SYR", "IRN", { bilateral: 12, totalA: 10, depA: 1, depB: 0.03, capped: true }],
    ["no totals for a side: its dependence null", [row("IRN", "GBR", 4, 4)], "IRN", "GBR", { depA: 0.02, depB: null, weakerLink: null, asymmetry: null }],
  ])("%s", (_w, dyads, a, b, want) => {
    expect(tradeDependence(dyads, totals, a, b, 2014)).toMatchObject(want);
  });
});

describe("the structural index and its divergence from the event index", () => {
  // A and B: UN table T above (π 0.5168 → 5.168), ATOP 2018 A→B consultation (1), B→A neutrality (3)
  // → (1 + 3)/2 × 2 = 4; arms: B took 150 of 200 from A in 2015–2019 → 7.5; trade 2014:
  // A–B 40, A total 400 (0.1), B total 2000 (0.02): weaker 0.02 / saturation 0.05 → 4.
  // index = (0.4·5.168 + 0.3·4 + 0.15·7.5 + 0.15·4)/1 = 2.0672 + 1.2 + 1.125 + 0.6 = 4.9922 → 4.99
  const T: VoteTable = [
    [6, 2, 0],
    [1, 2, 0],
    [0, 0, 1],
  ];
  const idx = indexPriors({
    votes: votesOf(T, 2019),
    atop: [atop("AAA", "BBB", 2018, { consultation: true }), atop("BBB", "AAA", 2018, { neutrality: true }), atop("CCC", "DDD", 2018, { defense: true })],
    arms: [
      { year: 2015, supplier: "AAA", recipient: "BBB", tiv: 100 },
      { year: 2017, supplier: "AAA", recipient: "BBB", tiv: 50 },
      { year: 2016, supplier: "CCC", recipient: "BBB", tiv: 50 },
      { year: 2013, supplier: "AAA", recipient: "BBB", tiv: 300 },
      { year: 2019, supplier: "CCC", recipient: "DDD", tiv: 5 }, // SIPRI covers 2019
    ],
    trade: [{ year: 2014, a: "AAA", b: "BBB", aFromB: 30, bFromA: 10 }],
    totals: [
      { year: 2014, state: "AAA", imports: 100, exports: 300 },
      { year: 2014, state: "BBB", imports: 1000, exports: 1000 },
    ],
  });
  it("combines the components with the configured weights, using each dataset's latest year", () => {
    const s = structuralFor(idx, "BBB", "AAA", 2019, cfg);
    expect(s.pair).toEqual(["AAA", "BBB"]);
    expect(Object.fromEntries(s.components.map((c) => [c.key, c.value]))).toEqual({ un: 5.168, alliance: 4, arms: 7.5, trade: 4 });
    expect(s.score).toBe(4.99);
    expect(s.components.map((c) => `${c.dataset} ${c.years.join("–")}`)).toEqual(["UNGA 2019–2019", "ATOP 2018–2018", "SIPRI 2015–2019", "COW 2014–2014"]);
    // arms 2013–2017: 450 of 500 = 90 % → 2015–2019: 75 %: a change of −0.15 reads as falling
    expect(s.components.find((c) => c.key === "arms")!.detail).toBe("falling arms dependence of BBB on AAA (SIPRI TIV share 2013–2017 90.0% → 2015–2019 75.0%)");
    expect(s.components.find((c) => c.key === "alliance")!.detail).toBe("no defence pledge (ATOP 2018: neutrality, consultation)");
  });
  it("leaves out a component whose data are too old, and is null with none", () => {
    const s = structuralFor(idx, "AAA", "BBB", 2019, { ...cfg, maxLagYears: 0 });
    expect(s.components.map((c) => c.key)).toEqual(["un", "arms"]); // ATOP (2018) and COW (2014) are too old
    expect(structuralFor(idx, "AAA", "BBB", 1990, cfg)).toMatchObject({ score: null, components: [] });
  });
  it("needs minVotes shared votes for the UN component", () => {
    expect(structuralFor(idx, "AAA", "BBB", 2019, { ...cfg, un: { ...cfg.un, minVotes: 13 } }).components.map((c) => c.key)).not.toContain("un");
  });
  it("builds the table of every pair voting in a year", () => {
    const rows = structuralTable(idx, 2019, cfg);
    expect(rows.map((r) => r.pair.join("-"))).toEqual(["AAA-BBB"]);
    expect(structuralTable(idx, 2019, cfg, ["DDD", "CCC", "AAA"]).map((r) => r.pair.join("-"))).toEqual(["AAA-CCC", "AAA-DDD", "CCC-DDD"]);
    for (const r of structuralTable(idx, 2019, cfg, ["AAA", "BBB", "CCC", "DDD"])) expect(r).toEqual(structuralFor(idx, r.pair[0], r.pair[1], 2019, cfg));
  });
  const st = structuralFor(idx, "AAA", "BBB", 2019, cfg);
  const ev = (score: number, clusters: number) => ({ pair: ["AAA", "BBB"] as [string, string], window: "2019", score, clusters, refs: ["d1#e1", "d2#e3"] });
  it("turns a gap beyond the threshold into a signal citing both sides", () => {
    const s = structuralDivergence(ev(10, 31), st, cfg)!;
    expect(s.kind).toBe("structural-divergence");
    expect(s.gap).toBe(5.01);
    expect(s.summary).toBe("warm rhetoric (+10.0 from 31 clusters, 2019) with thinner structural ties (index +5.0): UN votes agree 9/12 (π 0.52, UNGA 2019), no defence pledge (ATOP 2018: neutrality, consultation), falling arms dependence of BBB on AAA (SIPRI TIV share 2013–2017 90.0% → 2015–2019 75.0%) and trade dependence AAA 10.0%, BBB 2.0% (COW 2014)");
    expect(s.refs).toEqual(["d1#e1", "d2#e3"]);
    expect(s.structural.map((c) => c.dataset)).toEqual(["UNGA", "ATOP", "SIPRI", "COW"]);
    expect(structuralDivergence(ev(-2, 10), st, cfg)!.summary).toMatch(/^hostile rhetoric \(-2\.0 from 10 clusters, 2019\) despite stronger structural ties \(index \+5\.0\)/);
    // a signal is a fragility Signal of assess.ts
    const asSignal: Signal = s;
    expect(asSignal.kind).toBe("structural-divergence");
  });
  it.each([
    ["a gap under the threshold", ev(9, 31)],
    ["too few clusters", ev(10, 4)],
    ["a score in line with the structure", ev(5, 31)],
  ])("gives no signal for %s", (_w, e) => {
    expect(structuralDivergence(e, st, cfg)).toBeNull();
  });
  it("words a gap by where the event score sits", () => {
    const hostileStructure = { ...st, score: -8 };
    expect(structuralDivergence(ev(-2, 10), hostileStructure, cfg)!.summary).toMatch(/^hostile rhetoric \(-2\.0 from 10 clusters, 2019\) above what the structural ties suggest \(index -8\.0\)/);
    expect(structuralDivergence(ev(0, 10), { ...st, score: 6 }, cfg)!.summary).toMatch(/^lukewarm rhetoric \(\+0\.0 from 10 clusters, 2019\) below what the structural ties suggest \(index \+6\.0\)/);
  });
  it("takes the event side from the dyad figures and clusters, strongest clusters first", () => {
    const fig = { pair: ["AAA", "BBB"] as [string, string], window: "2019", score: 7.2, directed: { ab: 7, ba: 7 }, asymmetry: 0, arenas: {}, clusters: 2, cooperation: 2, conflict: 0, polarity: "cooperation" as const };
    const cl = (id: string, contribution: number, refs: string[]) => ({ id, contribution, refs }) as unknown as Cluster;
    expect(eventSide(fig, [cl("c1", 1, ["d1#e1", "d2#e1"]), cl("c2", -4, ["d3#e2"])])).toEqual({ pair: ["AAA", "BBB"], window: "2019", score: 7.2, clusters: 2, refs: ["d3#e2", "d1#e1"] });
  });
  it("gives no signal without a structural index", () => {
    expect(structuralDivergence(ev(10, 31), structuralFor(idx, "AAA", "BBB", 1990, cfg), cfg)).toBeNull();
  });
});

