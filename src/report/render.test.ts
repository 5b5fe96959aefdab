import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { Assessment, Evidence } from "../analysis/assess.js";
import type { DyadFigures, Trend } from "../analysis/dyadindex.js";
import type { IndexConfig } from "../core/index-config.js";
import { loadIndexConfig, loadStructuralConfig } from "../data/coding.js";
import { indexPriors, structuralDivergence, structuralFor } from "../analysis/structural.js";
import { barChartSvg, escapeHtml, escapeMarkdown, lineChartSvg, NOTHING, renderHtml, renderMarkdown, SECTIONS, signed, STRUCTURAL, windowAxis } from "./render.js";

// A made-up Chile–Peru assessment; every sentence here is invented for the test.
const CONFIG: IndexConfig = loadIndexConfig();

const fig = (window: string, score: number, arenas: DyadFigures["arenas"], extra: Partial<DyadFigures> = {}): DyadFigures => ({
  pair: ["CHL", "PER"],
  window,
  score,
  directed: { ab: score, ba: score },
  asymmetry: 0,
  arenas,
  clusters: 2,
  cooperation: 2,
  conflict: 0,
  polarity: score >= 0 ? "cooperation" : "conflict",
  ...extra,
});

const trend = (slope: number, stderr: number | null, windows: number, direction: Trend["direction"]): Trend => ({ slope, stderr, windows, direction });

const ev = (ref: string, text: string, over: Partial<Evidence> = {}): Evidence => ({
  ref,
  type: "AGREE",
  polarity: "cooperation",
  arena: ["economic"],
  modality: "asserted",
  date: "2021-03-04",
  text,
  outlet: "Diario del Pacífico",
  leaning: "centre-left",
  attributedTo: null,
  title: null,
  ...over,
});

const ACCORD = "Chile and Peru signed a fisheries accord covering the shared coastal waters.";
const PORT = "Peru's trade minister said Lima will open the port of Ilo to Chilean exporters.";
const DOUBT = "A senator in Santiago doubted that Lima would honour the water-sharing pledge.";
const HEDGE = "Peru is also turning to Ecuador for a second gas pipeline.";

function assessment(): Assessment {
  return {
    pair: ["CHL", "PER"],
    names: { CHL: "Chile", PER: "Peru", BOL: "Bolivia", ECU: "Ecuador" },
    range: { since: "2019-01-01", until: "2021-12-31" },
    verdict: "Chile–Peru: moderate cooperation (+4.1 on −10…+10, 9 event clusters), two-sided, rising; 1 fragility signal; Peru hedging toward Ecuador.",
    overall: fig("", 4.1, { political: 3.2, economic: 5.5, security: -1.25 }, { directed: { ab: 4, ba: 3.5 }, asymmetry: 0.12, clusters: 9, cooperation: 7, conflict: 2 }),
    series: {
      pair: ["CHL", "PER"],
      by: "year",
      // 2020 has no events: the chart must show a gap there
      points: [fig("2019", 1.5, { political: 1, economic: 2 }), fig("2021", 4.8, { political: 3.5, economic: 6 })],
      trend: { all: trend(1.65, 0.2, 3, "rising"), political: trend(1.25, null, 2, "unknown"), economic: trend(2, null, 2, "unknown"), military: trend(0, null, 0, "unknown"), security: trend(0, null, 1, "unknown") },
    },
    supporting: [ev("d1#e1", ACCORD, { attributedTo: "Chile's foreign minister" })],
    fragility: [
      {
        kind: "fragility-claim",
        summary: "DISTRUST CHL→PER (2021-05-02): distrust, or a claim that one side wants the other weak",
        refs: ["d2#e4"],
        evidence: [ev("d2#e4", DOUBT, { type: "DISTRUST", polarity: "conflict", arena: ["political"], date: "2021-05-02", outlet: "La Voz del Norte", leaning: null })],
      },
    ],
    hedging: [{ kind: "hedging", summary: "PER hedges toward ECU: 1 cooperative event worded as turning to ECU", side: "PER", toward: "ECU", refs: ["d3#e1"], evidence: [ev("d3#e1", HEDGE, { date: "2021-07-10" })] }],
    triads: [
      { members: ["BOL", "CHL", "PER"], signs: [-1, 1, -1], balanced: true, against: [] },
      { members: ["CHL", "ECU", "PER"], signs: [1, 1, 1], balanced: true, against: ["BOL"] },
    ],
    claimed: [ev("d4#e2", PORT, { modality: "expected", outlet: "Andes Hoy", leaning: "state-owned", attributedTo: "Peru's trade minister", date: "2021-09-15" })],
    config: CONFIG,
  };
}

function emptyAssessment(): Assessment {
  const none = trend(0, null, 0, "unknown");
  return {
    ...assessment(),
    range: { since: null, until: null },
    verdict: "Chile–Peru: no coded events in this range.",
    overall: null,
    series: { pair: ["CHL", "PER"], by: "year", points: [], trend: { all: none, political: none, economic: none, military: none, security: none } },
    supporting: [],
    fragility: [],
    hedging: [],
    triads: [],
    claimed: [],
  };
}

/** The Markdown between one section heading and the next. */
function mdSection(md: string, heading: string): string {
  const start = md.indexOf(`## ${heading}\n`);
  expect(start, `section "${heading}"`).toBeGreaterThanOrEqual(0);
  const next = md.indexOf("\n## ", start + 3);
  return md.slice(start, next < 0 ? undefined : next);
}

const count = (s: string, needle: string) => s.split(needle).length - 1;

describe("renderMarkdown", () => {
  const md = renderMarkdown(assessment());

  it("titles the brief with the names and the range, then the verdict", () => {
    expect(md.startsWith("# Chile–Peru, 2019-01-01 to 2021-12-31\n\n**Verdict:** Chile–Peru: moderate cooperation (+4.1 on −10…+10, 9 event clusters)")).toBe(true);
  });

  it.each(Object.values(SECTIONS))("has the section %s", (heading) => {
    expect(md).toContain(`\n## ${heading}\n`);
  });

  it("keeps the sections in order", () => {
    const at = Object.values(SECTIONS).map((h) => md.indexOf(`## ${h}\n`));
    expect(at).toEqual([...at].sort((x, y) => x - y));
  });

  it.each([
    ["an arena", "| political | +3.20 |"],
    ["a negative arena", "| security | -1.25 |"],
    ["an arena without events", "| military | no events |"],
    ["all arenas", "| all | +4.10 |"],
    ["A→B", "| Chile→Peru | +4.00 |"],
    ["B→A", "| Peru→Chile | +3.50 |"],
    ["the asymmetry", "| asymmetry (−1…+1) | +0.12 (more one-way events from Chile) |"],
    ["the cluster counts", "9 event clusters: 7 cooperative, 2 conflictual."],
  ])("score table shows %s", (_, row) => {
    expect(mdSection(md, SECTIONS.scores)).toContain(row);
  });

  it.each([
    ["the header", "| arena | slope per year ± stderr | direction | years |"],
    ["the overall trend", "| all | +1.650 ± 0.200 | rising | 3 |"],
    ["a trend without stderr", "| political | +1.250 ± n/a | unknown | 2 |"],
    ["an arena with too few windows", "| security | — | unknown | 1 |"],
  ])("trend table shows %s", (_, row) => {
    expect(mdSection(md, SECTIONS.trends)).toContain(row);
  });

  it("quotes supporting evidence with outlet, leaning, modality, date and who says it", () => {
    const s = mdSection(md, SECTIONS.supporting);
    expect(s).toContain(`> ${ACCORD}\n>\n> — Diario del Pacífico (centre-left) · asserted · 2021-03-04 · says Chile's foreign minister · AGREE, cooperation, economic · d1#e1`);
  });

  it("gives each fragility signal's summary, then its quoted evidence", () => {
    const s = mdSection(md, SECTIONS.fragility);
    const summary = s.indexOf("**DISTRUST CHL→PER (2021-05-02): distrust");
    const quote = s.indexOf(`> ${DOUBT}`);
    expect(summary).toBeGreaterThan(0);
    expect(quote).toBeGreaterThan(summary);
    expect(s).toContain("— La Voz del Norte · asserted · 2021-05-02 · DISTRUST, conflict, political · d2#e4");
  });

  it("lists hedging with its evidence", () => {
    const s = mdSection(md, SECTIONS.hedging);
    expect(s).toContain("**PER hedges toward ECU");
    expect(s).toContain(`> ${HEDGE}`);
  });

  it.each([
    ["members and signs", "| Bolivia, Chile, Peru | Bolivia–Chile −, Chile–Peru +, Bolivia–Peru − | balanced | — |"],
    ["a bloc", "| Chile, Ecuador, Peru | Chile–Ecuador +, Ecuador–Peru +, Chile–Peru + | balanced | bloc against Bolivia |"],
  ])("triad table shows %s", (_, row) => {
    expect(mdSection(md, SECTIONS.triads)).toContain(row);
  });

  it("lists claimed events, and only those", () => {
    const s = mdSection(md, SECTIONS.claimed);
    expect(s).toContain(`> ${PORT}`);
    expect(s).toContain("Andes Hoy (state-owned) · expected · 2021-09-15 · says Peru's trade minister");
    // must not: an asserted event is not "only claimed"
    expect(s).not.toContain(ACCORD);
  });

  it.each([
    ["modality weights", "asserted 1, reported 0.7, expected 0.6, desired 0.5, hypothetical 0.3"],
    ["the cluster window", "within 3 days"],
    ["the source factor", "× (1 + 0.5·log2 independent sources), at most × 2"],
    ["the scale", "10·tanh(Σ weight × intensity / 25)"],
  ])("footnote gives %s", (_, text) => {
    expect(mdSection(md, SECTIONS.method)).toContain(text);
  });

  it("shows a one-line note for every empty section", () => {
    const out = renderMarkdown(emptyAssessment());
    expect(out.startsWith("# Chile–Peru\n\n**Verdict:** Chile–Peru: no coded events in this range.")).toBe(true);
    for (const [key, note] of Object.entries(NOTHING)) if (key !== "chart") expect(out).toContain(`\n${note}\n`);
    expect(out).not.toContain("| all |");
  });
});

describe("renderHtml", () => {
  const html = renderHtml(assessment());
  const { document } = parseHTML(html);

  it("is a complete document with charset, title and both charts", () => {
    expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(document.querySelector("head > title")?.textContent).toBe("Chile–Peru, 2019-01-01 to 2021-12-31 · Entente brief");
    expect(document.querySelector("h1")?.textContent).toBe("Chile–Peru");
    expect(document.querySelectorAll("svg").length).toBe(2);
    expect(document.querySelector(".verdict")?.textContent).toBe(assessment().verdict);
  });

  it("has the same sections as the Markdown, in order", () => {
    expect([...document.querySelectorAll("h2")].map((h) => h.textContent)).toEqual(Object.values(SECTIONS));
  });

  it("quotes evidence with its provenance", () => {
    const fig0 = document.querySelector("figure.quote");
    expect(fig0?.querySelector("blockquote")?.textContent).toBe(ACCORD);
    expect(fig0?.querySelector("figcaption")?.textContent).toContain("Diario del Pacífico (centre-left) · asserted · 2021-03-04 · says Chile's foreign minister");
  });

  it.each([
    ["a script tag", "<script"],
    ["a stylesheet link", "<link"],
    ["a remote src", 'src="http'],
    ["a remote href", 'href="http'],
    ["any web address", "http"],
    ["a CSS import or url()", "@import"],
    ["a CSS url()", "url("],
  ])("must not contain %s", (_, needle) => {
    expect(html.toLowerCase()).not.toContain(needle);
  });

  it("replaces charts and sections with notes when there are no events", () => {
    const out = renderHtml(emptyAssessment());
    const doc = parseHTML(out).document;
    expect(out).not.toContain("<svg");
    const notes = [...doc.querySelectorAll("p.none")].map((p) => p.textContent);
    expect(notes).toEqual([NOTHING.scores, NOTHING.chart, NOTHING.trends, NOTHING.supporting, NOTHING.fragility, NOTHING.hedging, NOTHING.triads, NOTHING.claimed]);
    expect(doc.querySelector("head > title")?.textContent).toBe("Chile–Peru · Entente brief");
  });
});

describe("escaping", () => {
  const hostile = (text: string): Assessment => {
    const a = assessment();
    return {
      ...a,
      names: { ...a.names, CHL: `Chile <b>&</b>` },
      verdict: `${text} verdict`,
      supporting: [ev("d9#e1", text, { outlet: `${text} Times`, leaning: text, attributedTo: text, title: text })],
      fragility: [{ ...a.fragility[0]!, summary: text }],
    };
  };

  it.each([
    ["bold tag and ampersand", "Talks <b>stalled</b> & resumed", "Talks &lt;b&gt;stalled&lt;/b&gt; &amp; resumed", "<b>stalled"],
    ["script tag", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "<script"],
    ["quotes in attributes", `Lima's "final" offer`, "Lima&#39;s &quot;final&quot; offer", `"final"`],
  ])("HTML escapes %s everywhere and never leaves it raw", (_, text, escaped, raw) => {
    const html = renderHtml(hostile(text));
    expect(html).toContain(escaped);
    expect(html).not.toContain(raw);
    expect(html).toContain("Chile &lt;b&gt;&amp;&lt;/b&gt;");
    expect(html).not.toContain("<b>");
  });

  it("Markdown neutralises raw HTML in evidence", () => {
    const md = renderMarkdown(hostile("<script>alert(1)</script>"));
    expect(md).toContain("\\<script\\>alert(1)\\</script\\>");
    expect(md).not.toMatch(/(^|[^\\])<script/);
    expect(md).not.toMatch(/(^|[^\\])<b>/);
  });

  it.each([
    ["&<>\"'", "&amp;&lt;&gt;&quot;&#39;"],
    ["plain", "plain"],
    ["&amp;", "&amp;amp;"],
  ])("escapeHtml(%j)", (input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });

  it.each([
    ["a | b", "a \\| b"],
    ["two\nlines", "two lines"],
    ["*bold* _it_ [link]", "\\*bold\\* \\_it\\_ \\[link\\]"],
  ])("escapeMarkdown(%j)", (input, output) => {
    expect(escapeMarkdown(input)).toBe(output);
  });
});

describe("charts", () => {
  const points = assessment().series.points;
  const svg = lineChartSvg(points);
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${svg}</body></html>`);

  it("draws one path per plotted series: overall and each arena with events", () => {
    expect(count(svg, "<path")).toBe(3);
    expect(count(svg, "<polyline")).toBe(0);
    expect([...document.querySelectorAll("path")].map((p) => p.getAttribute("data-series")).sort()).toEqual(["all", "economic", "political"]);
    expect([...document.querySelectorAll("text.legend")].map((t) => t.textContent)).toEqual(["overall", "political", "economic"]);
  });

  it("labels the y axis from -10 to +10 with a zero line", () => {
    const ticks = [...document.querySelectorAll("text.tick")].map((t) => t.textContent);
    expect(ticks).toEqual(expect.arrayContaining(["-10", "-5", "0", "+5", "+10"]));
    expect(count(svg, 'class="zero"')).toBe(1);
    expect(svg).toContain("score (−10…+10)");
    expect(lineChartSvg(points, { xTitle: "quarter" })).toContain(">quarter</text>");
  });

  it("shows a window without events as a gap on the x axis", () => {
    const ticks = [...document.querySelectorAll("text.tick")].map((t) => t.textContent);
    expect(ticks).toEqual(expect.arrayContaining(["2019", "2020", "2021"]));
    // the gap in 2020 breaks each line into two strokes
    const d = document.querySelector('path[data-series="all"]')?.getAttribute("d") ?? "";
    expect(d.match(/M/g)?.length).toBe(2);
    expect(d).not.toContain("L");
  });

  it("returns nothing to draw for no points", () => {
    expect(lineChartSvg([])).toBe("");
  });

  it("draws negative bars left of zero and positive bars right of it", () => {
    const bars = barChartSvg([
      { label: "security", value: -4 },
      { label: "economic", value: 6 },
      { label: "military", value: null },
    ]);
    const doc = parseHTML(`<!DOCTYPE html><html><body>${bars}</body></html>`).document;
    const zero = Number(doc.querySelector("line.zero")?.getAttribute("x1"));
    const [neg, pos] = [...doc.querySelectorAll("rect")].map((r) => ({ x: Number(r.getAttribute("x")), w: Number(r.getAttribute("width")) }));
    expect(neg!.x + neg!.w).toBeCloseTo(zero, 1);
    expect(neg!.x).toBeLessThan(zero);
    expect(pos!.x).toBeCloseTo(zero, 1);
    expect(pos!.w).toBeGreaterThan(neg!.w);
    expect(bars).toContain("no events");
    expect(count(bars, "<rect")).toBe(2);
  });

  it.each([
    ["a short positive bar", 3, "start", false],
    ["a short negative bar", -3, "end", false],
    ["a long positive bar", 9.5, "end", true],
    ["a long negative bar", -9.5, "start", true],
  ])("places the value of %s where it cannot hit the arena names", (_, value, anchor, inside) => {
    const doc = parseHTML(`<!DOCTYPE html><html><body>${barChartSvg([{ label: "political", value }])}</body></html>`).document;
    const label = doc.querySelector("text.value");
    expect(label?.getAttribute("text-anchor")).toBe(anchor);
    expect(label?.getAttribute("class")?.includes("inside")).toBe(inside);
    expect(label?.textContent).toBe(signed(value));
  });

  it.each([
    ["years with a gap", ["2021", "2019"], ["2019", "2020", "2021"]],
    ["quarters across a year", ["2020-Q3", "2021-Q2"], ["2020-Q3", "2020-Q4", "2021-Q1", "2021-Q2"]],
    ["months across a year", ["2020-11", "2021-02"], ["2020-11", "2020-12", "2021-01", "2021-02"]],
    ["mixed formats, kept as given", ["2021", "2020-Q1"], ["2020-Q1", "2021"]],
    ["no labels", [], []],
  ])("windowAxis: %s", (_, labels, axis) => {
    expect(windowAxis(labels)).toEqual(axis);
  });

  it.each([
    [1.5, "+1.50"],
    [-0.004, "0.00"],
    [0, "0.00"],
    [-2.25, "-2.25"],
  ])("signed(%d)", (x, s) => {
    expect(signed(x)).toBe(s);
  });
});

describe("determinism", () => {
  it.each([
    ["a full assessment", assessment],
    ["an empty assessment", emptyAssessment],
  ])("renders %s identically every time", (_, make) => {
    expect(renderMarkdown(make())).toBe(renderMarkdown(make()));
    expect(renderHtml(make())).toBe(renderHtml(make()));
    expect(renderHtml(make())).toBe(renderHtml(structuredClone(make())));
  });
});

describe("the structural panel", () => {
  // invented priors for Chile–Peru: votes in 2019 and 2020, a consultation pact, arms and trade
  const cfg = loadStructuralConfig();
  const idx = indexPriors({
    votes: [2019, 2020].flatMap((year) =>
      Array.from({ length: 12 }, (_, i) => [
        { rcid: year * 100 + i, year, state: "CHL", vote: "yes" as const },
        { rcid: year * 100 + i, year, state: "PER", vote: i < 9 ? ("yes" as const) : ("no" as const) },
        { rcid: year * 100 + i, year, state: "BOL", vote: i % 2 ? ("yes" as const) : ("abstain" as const) },
      ]).flat(),
    ),
    atop: [2019, 2020].flatMap((year) => [
      { year, from: "CHL", to: "PER", defense: false, offense: false, neutrality: false, nonAggression: false, consultation: true },
      { year, from: "PER", to: "CHL", defense: false, offense: false, neutrality: false, nonAggression: false, consultation: true },
    ]),
    arms: [{ year: 2018, supplier: "CHL", recipient: "PER", tiv: 30 }, { year: 2019, supplier: "ESP", recipient: "PER", tiv: 10 }],
  });
  const panel = (divergence = true) => {
    const years = [2019, 2020].map((y) => structuralFor(idx, "CHL", "PER", y, cfg));
    const div = divergence ? structuralDivergence({ pair: ["CHL", "PER"], window: "", score: 9.5, clusters: 40, refs: ["d#e1"] }, years[1]!, cfg) : null;
    return { years, divergence: div };
  };

  it("is left out when no priors are stored, so briefs without them do not change", () => {
    expect(renderMarkdown(assessment())).not.toContain(STRUCTURAL.heading);
    expect(renderHtml(assessment())).not.toContain(STRUCTURAL.heading);
  });

  it("gives each year's index and measures with the dataset year, and the divergence cited to dataset and year", () => {
    const p = panel();
    expect(p.divergence).not.toBeNull();
    const md = renderMarkdown({ ...assessment(), structural: p });
    expect(md).toContain(`## ${STRUCTURAL.heading}`);
    // 9 of 12 shared votes agree in each year
    expect(md).toMatch(/\| 2019 \| [+-]?\d+\.\d\d \| 9\/12 \(π -?\d\.\d\d\) \| 1 \/ 1 \|/);
    expect(md).toMatch(/\| 2020 \|/);
    expect(md).toContain("Divergence (a fragility signal):");
    expect(md).toMatch(/Sources: .*UNGA 2020.*ATOP 2020/);
  });

  it("draws small multiples as inline SVG, with no external requests", () => {
    const html = renderHtml({ ...assessment(), structural: panel() });
    const { document } = parseHTML(html);
    const multiples = document.querySelectorAll(".multiples svg");
    expect(multiples.length).toBe(6);
    expect(document.querySelectorAll(".multiples svg polyline").length).toBeGreaterThan(0);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it("says when the indexes do not diverge, and when there is nothing for the pair", () => {
    expect(renderMarkdown({ ...assessment(), structural: panel(false) })).toContain("do not diverge");
    expect(renderMarkdown({ ...assessment(), structural: { years: [], divergence: null } })).toContain(STRUCTURAL.nothing);
  });
});
