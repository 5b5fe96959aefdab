/**
 * The report tier: one pair's `Assessment` as an analyst's brief, in Markdown or as a single
 * standalone HTML page with inline CSS and hand-made SVG charts.
 *
 * Both renderers are pure functions of the assessment: no clock, no random ids, no I/O, so the
 * same assessment always gives the same bytes and reports can be diffed and golden-tested. The
 * wording (table rows, evidence lines, "nothing here" notes) is built once below and only the
 * markup differs between the two formats, so they cannot drift apart.
 */
import type { Assessment, Evidence, Signal, StructuralPanel, Triad } from "../analysis/assess.js";
import type { DyadFigures, Trend } from "../analysis/dyadindex.js";
import type { StructuralIndex } from "../analysis/structural.js";
import type { Window } from "../core/dyad.js";
import type { IndexConfig } from "../core/index-config.js";
import { ARENAS, MODALITIES, type Arena } from "../core/output.js";

// ---------------------------------------------------------------------------------------------
// Shared wording

/** Section headings, in order; both formats use exactly these. */
export const SECTIONS = {
  scores: "Scores",
  trends: "Trends",
  supporting: "Strongest supporting evidence",
  fragility: "Fragility signals",
  hedging: "Hedging",
  triads: "Triads",
  claimed: "Only claimed or hypothetical",
  method: "How the figures are made",
} as const;

/** The optional section shown when structural priors are stored, and its note when the pair has none. */
export const STRUCTURAL = { heading: "Structural ties (UN votes, alliances, arms, trade)", nothing: "No structural data for this pair in these years." } as const;

/** The one-line notes a section shows when it has nothing to list. */
export const NOTHING = {
  scores: "No coded events in this range.",
  trends: "No windows with events in this range.",
  chart: "No events in this range to chart.",
  supporting: "No supporting evidence in this range.",
  fragility: "No fragility signals in this range.",
  hedging: "No hedging signals in this range.",
  triads: "No triads with this pair in this range.",
  claimed: "No claimed or hypothetical events in this range.",
} as const;

/** A number with an explicit sign and fixed decimals; never "-0.00". */
export function signed(x: number, digits = 2): string {
  const s = x.toFixed(digits);
  if (Number(s) === 0) return (0).toFixed(digits);
  return x > 0 ? `+${s}` : s;
}

const nameOf = (a: Assessment, id: string) => a.names[id] ?? id;

/** The pair as people read it, e.g. "Chile–Peru". */
const pairTitle = (a: Assessment) => `${nameOf(a, a.pair[0])}–${nameOf(a, a.pair[1])}`;

/** The date range in words, or null when the assessment covers everything stored. */
function rangeText(r: Assessment["range"]): string | null {
  if (r.since && r.until) return `${r.since} to ${r.until}`;
  if (r.since) return `from ${r.since}`;
  if (r.until) return `up to ${r.until}`;
  return null;
}

/** Rows of the score table: each arena, all arenas, both directions and the asymmetry. */
function scoreRows(a: Assessment, f: DyadFigures): string[][] {
  const [x, y] = [nameOf(a, a.pair[0]), nameOf(a, a.pair[1])];
  const lean = f.asymmetry > 0 ? `more one-way events from ${x}` : f.asymmetry < 0 ? `more one-way events from ${y}` : "even";
  return [
    ...ARENAS.map((ar) => [ar, f.arenas[ar] === undefined ? "no events" : signed(f.arenas[ar])]),
    ["all", signed(f.score)],
    [`${x}→${y}`, signed(f.directed.ab)],
    [`${y}→${x}`, signed(f.directed.ba)],
    ["asymmetry (−1…+1)", `${signed(f.asymmetry)} (${lean})`],
  ];
}

/** The line under the score table: how many clusters of each kind the scores rest on. */
const clusterLine = (f: DyadFigures) =>
  `${f.clusters} event cluster${f.clusters === 1 ? "" : "s"}: ${f.cooperation} cooperative, ${f.conflict} conflictual. Directed scores include mutual events.`;

/** Rows of the trend table: overall first, then each arena. */
function trendRows(a: Assessment): string[][] {
  const row = (label: string, t: Trend) => [label, t.windows < 2 ? "—" : `${signed(t.slope, 3)} ± ${t.stderr === null ? "n/a" : t.stderr.toFixed(3)}`, t.direction, String(t.windows)];
  return [row("all", a.series.trend.all), ...ARENAS.map((ar) => row(ar, a.series.trend[ar]))];
}

/** Rows of the per-window table: the window, its score, its clusters and each arena's score. */
function windowRows(a: Assessment): string[][] {
  return a.series.points.map((p) => [p.window, signed(p.score), String(p.clusters), ...ARENAS.map((ar) => (p.arenas[ar] === undefined ? "" : signed(p.arenas[ar]!)))]);
}

const windowHead = (by: Window) => [by, "score", "clusters", ...ARENAS];

const trendHead = (by: Window) => ["arena", `slope per ${by} ± stderr`, "direction", `${by}s`];

/** Who says it and where: outlet (leaning), modality, date, speaker, event type and reference. */
function evidenceMeta(e: Evidence): string {
  const parts = [
    `${e.outlet ?? "unknown outlet"}${e.leaning ? ` (${e.leaning})` : ""}`,
    e.modality,
    e.date ?? "undated",
    ...(e.attributedTo ? [`says ${e.attributedTo}${e.speakerLeaning ? ` (${e.speakerLeaning})` : ""}`] : []),
    `${e.type}, ${e.polarity}${e.arena.length ? `, ${e.arena.join("/")}` : ""}`,
    ...(e.title ? [`“${e.title}”`] : []),
    e.ref,
  ];
  return parts.join(" · ");
}

/** A triad in words: members, the sign of each side, balance and any common adversary. */
function triadCells(a: Assessment, t: Triad): string[] {
  const [x, y, z] = t.members.map((id) => nameOf(a, id)) as [string, string, string];
  const sign = (s: number) => (s > 0 ? "+" : "−");
  return [
    `${x}, ${y}, ${z}`,
    `${x}–${y} ${sign(t.signs[0])}, ${y}–${z} ${sign(t.signs[1])}, ${x}–${z} ${sign(t.signs[2])}`,
    t.balanced ? "balanced" : "unbalanced",
    t.against.length ? `bloc against ${t.against.map((id) => nameOf(a, id)).join(", ")}` : "—",
  ];
}

const TRIAD_HEAD = ["members", "signs", "balance", "bloc"];

/** The footnote: every setting the figures above depend on, with its value. */
function methodLines(cfg: IndexConfig, by: Window): string[] {
  const weights = MODALITIES.map((m) => `${m} ${cfg.modality[m]}`).join(", ");
  return [
    `Modality weights (how surely an event is stated): ${weights}.`,
    `Cluster window: reports of the same pair, direction and event type within ${cfg.clusterDays} days count as one happening.`,
    `Source factor: a cluster weighs × (1 + ${cfg.sources.perDoubling}·log2 independent sources), at most × ${cfg.sources.max}; outlets of one owner and copies of one sentence count once.`,
    `Scale: score = 10·tanh(Σ weight × intensity / ${cfg.scale}), so every score stays within −10…+10; arenas and directions are scored the same way.`,
    `Trends are least-squares slopes per ${by}; "flat" means the slope is within two standard errors of zero.`,
    `Verdict words: strong at |score| ≥ ${cfg.strong}, moderate at ≥ ${cfg.moderate}, one-sided above |asymmetry| ${cfg.oneSided}; triads use pairs with |score| ≥ ${cfg.edgeThreshold}.`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Text made safe for Markdown: one line, with markup characters (and raw HTML) backslash-escaped. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>|]/g, "\\$&");
}

/** A Markdown table from plain-text cells. */
function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(" | ")} |`;
  return [line(head), `|${head.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

/** One quoted piece of evidence as a blockquote with its provenance on the last line. */
const mdQuote = (e: Evidence) => `> ${escapeMarkdown(e.text)}\n>\n> — ${escapeMarkdown(evidenceMeta(e))}`;

function mdSignals(signals: Assessment["fragility"], none: string): string {
  if (!signals.length) return none;
  return signals
    .map((s) => [`**${escapeMarkdown(s.summary)}** (${s.kind})`, ...(s.evidence.length ? s.evidence.map(mdQuote) : ["No quotable evidence stored for this signal."])].join("\n\n"))
    .join("\n\n");
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);
const STRUCT_HEAD = ["year", "index (−10…+10)", "UN votes agree (π)", "alliance (ATOP level →/←)", "arms dependence (SIPRI, 5 years)", "trade weaker link (COW)"];

/** One row per year of the structural panel, each figure with the dataset year it rests on. */
function structuralRows(a: Assessment, p: StructuralPanel): string[][] {
  const [x, y] = a.pair;
  return p.years.map((s) => {
    const un = s.un && s.un.n ? `${s.un.agreements}/${s.un.n}${s.un.pi === null ? "" : ` (π ${s.un.pi.toFixed(2)})`}${s.un.year !== s.year ? ` [${s.un.year}]` : ""}` : "–";
    const al = s.alliance ? `${s.alliance.ab.level} / ${s.alliance.ba.level}${s.alliance.ab.year !== s.year ? ` [${s.alliance.ab.year}]` : ""}` : "–";
    const arms = s.arms ? `${nameOf(a, x)} on ${nameOf(a, y)} ${pct(s.arms.ba.share)}, ${nameOf(a, y)} on ${nameOf(a, x)} ${pct(s.arms.ab.share)} [${s.arms.ab.fromYear}–${s.arms.ab.toYear}]` : "–";
    const trade = s.trade && s.trade.weakerLink !== null ? `${pct(s.trade.weakerLink)}${s.trade.year !== s.year ? ` [${s.trade.year}]` : ""}` : "–";
    return [String(s.year), s.score === null ? "–" : signed(s.score), un, al, arms, trade];
  });
}

/** The structural panel's small multiples: the index and each component over the years. */
function structuralCharts(a: Assessment, p: StructuralPanel): string {
  const ys = p.years.map((s) => s.year);
  const span: [number, number] = [Math.min(...ys), Math.max(...ys)];
  const [x, y] = a.pair;
  const series = (f: (s: StructuralIndex) => number | null | undefined) => p.years.map((s) => ({ year: s.year, value: f(s) ?? null }));
  return `<div class="multiples">${[
    smallMultipleSvg("structural index", series((s) => s.score), -10, 10, span),
    smallMultipleSvg("UN votes: Scott's π", series((s) => (s.un && s.un.n ? s.un.pi : null)), -1, 1, span),
    smallMultipleSvg(`ATOP level ${x}→${y}`, series((s) => s.alliance?.ab.level), 0, 5, span),
    smallMultipleSvg(`arms: ${nameOf(a, x)} on ${nameOf(a, y)}`, series((s) => s.arms?.ba.share), 0, 1, span),
    smallMultipleSvg(`arms: ${nameOf(a, y)} on ${nameOf(a, x)}`, series((s) => s.arms?.ab.share), 0, 1, span),
    smallMultipleSvg("trade weaker link", series((s) => s.trade?.weakerLink), 0, 0.05, span),
  ].join("\n")}</div>`;
}

const divergenceLine = (d: StructuralPanel["divergence"]) =>
  d ? `Divergence (a fragility signal): ${d.summary}. Sources: ${d.structural.map((c) => `${c.dataset} ${c.years[0] === c.years[1] ? c.years[0] : `${c.years[0]}–${c.years[1]}`}`).join("; ")}.` : "The event index and the structural index do not diverge beyond the configured threshold.";

/** An assessment as a Markdown brief for an analyst. */
export function renderMarkdown(a: Assessment): string {
  const range = rangeText(a.range);
  const f = a.overall;
  const out: string[] = [`# ${escapeMarkdown(pairTitle(a))}${range ? `, ${escapeMarkdown(range)}` : ""}`, `**Verdict:** ${escapeMarkdown(a.verdict)}`];
  const section = (title: string, body: string) => out.push(`## ${title}`, body);

  section(SECTIONS.scores, f ? `${mdTable(["measure", "score (−10…+10)"], scoreRows(a, f))}\n\n${escapeMarkdown(clusterLine(f))}` : NOTHING.scores);
  section(SECTIONS.trends, a.series.points.length ? `${mdTable(trendHead(a.series.by), trendRows(a))}\n\n${mdTable(windowHead(a.series.by), windowRows(a))}` : NOTHING.trends);
  section(SECTIONS.supporting, a.supporting.length ? a.supporting.map(mdQuote).join("\n\n") : NOTHING.supporting);
  section(SECTIONS.fragility, mdSignals(a.fragility, NOTHING.fragility));
  section(SECTIONS.hedging, mdSignals(a.hedging, NOTHING.hedging));
  section(SECTIONS.triads, a.triads.length ? mdTable(TRIAD_HEAD, a.triads.map((t) => triadCells(a, t))) : NOTHING.triads);
  section(SECTIONS.claimed, a.claimed.length ? a.claimed.map(mdQuote).join("\n\n") : NOTHING.claimed);
  if (a.structural) section(STRUCTURAL.heading, a.structural.years.length ? `${mdTable(STRUCT_HEAD, structuralRows(a, a.structural))}\n\n${escapeMarkdown(divergenceLine(a.structural.divergence))}` : STRUCTURAL.nothing);
  // our own fixed wording and numbers from the validated config: nothing to escape
  section(SECTIONS.method, methodLines(a.config, a.series.by).map((l) => `- ${l}`).join("\n"));
  return `${out.join("\n\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Charts (inline SVG, meant to sit inside an HTML5 page, so no xmlns is written)

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Line colours per arena (Okabe–Ito, readable with colour-blindness), the overall line darkest. */
export const SERIES_COLOURS: Readonly<Record<Arena | "all", string>> = {
  all: "#222222",
  political: "#0072B2",
  economic: "#009E73",
  military: "#D55E00",
  security: "#CC79A7",
};

/** Coordinates with one decimal: enough for a screen, and stable text for tests. */
const px = (x: number) => x.toFixed(1);

const windowPosition = (w: string): { by: Window; n: number } | null => {
  let m = /^(\d{4})$/.exec(w);
  if (m) return { by: "year", n: Number(m[1]) };
  m = /^(\d{4})-Q([1-4])$/.exec(w);
  if (m) return { by: "quarter", n: Number(m[1]) * 4 + Number(m[2]) - 1 };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(w);
  if (m) return { by: "month", n: Number(m[1]) * 12 + Number(m[2]) - 1 };
  return null;
};

const windowLabel = (by: Window, n: number) =>
  by === "year" ? String(n) : by === "quarter" ? `${Math.floor(n / 4)}-Q${(n % 4) + 1}` : `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;

/**
 * The x axis of a series: every window from the first label to the last, so that a window
 * without events shows as a gap rather than being silently squeezed out. Labels of mixed or
 * unknown formats, or spans too long to label, are kept as given (sorted).
 */
export function windowAxis(labels: readonly string[]): string[] {
  const given = [...new Set(labels)].filter((w) => w !== "").sort();
  const pos = given.map(windowPosition);
  if (!given.length || pos.some((p) => p === null || p.by !== pos[0]!.by)) return given;
  const ns = pos.map((p) => p!.n);
  const [lo, hi] = [Math.min(...ns), Math.max(...ns)];
  if (hi - lo >= 240) return given;
  return Array.from({ length: hi - lo + 1 }, (_, i) => windowLabel(pos[0]!.by, lo + i));
}

export interface ChartOptions {
  width?: number;
  height?: number;
  /** read by screen readers and shown as a tooltip */
  title?: string;
  /** the x axis title of a line chart, e.g. "year" */
  xTitle?: string;
}

const Y_TICKS = [-10, -5, 0, 5, 10];

/**
 * A line chart of scores per window: the overall score and each arena that has events, on a
 * fixed −10…+10 axis with a zero line, axis titles and a legend. One `<path>` per series (a gap
 * in the data starts a new stroke inside the same path), a dot per point so that a single window
 * still shows. Empty string when there is nothing to plot.
 */
export function lineChartSvg(points: readonly DyadFigures[], opts: ChartOptions = {}): string {
  const labels = windowAxis(points.map((p) => p.window));
  if (!labels.length) return "";
  const at = new Map(points.map((p) => [p.window, p]));
  const series = (["all", ...ARENAS] as const)
    .map((key) => ({
      key,
      name: key === "all" ? "overall" : key,
      values: labels.map((w) => {
        const p = at.get(w);
        return p ? (key === "all" ? p.score : (p.arenas[key] ?? null)) : null;
      }),
    }))
    .filter((s) => s.values.some((v) => v !== null));

  const width = opts.width ?? 720;
  const height = opts.height ?? 340;
  const m = { left: 56, right: 20, top: 16, bottom: 84 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const x = (i: number) => m.left + (labels.length === 1 ? plotW / 2 : (i * plotW) / (labels.length - 1));
  const y = (v: number) => m.top + ((10 - Math.max(-10, Math.min(10, v))) / 20) * plotH;
  const bottom = m.top + plotH;

  const parts: string[] = [];
  for (const t of Y_TICKS) {
    parts.push(`<line class="${t === 0 ? "zero" : "grid"}" x1="${px(m.left)}" x2="${px(m.left + plotW)}" y1="${px(y(t))}" y2="${px(y(t))}"/>`);
    parts.push(`<text class="tick" x="${px(m.left - 6)}" y="${px(y(t) + 4)}" text-anchor="end">${t > 0 ? `+${t}` : String(t)}</text>`);
  }
  parts.push(`<line class="axis" x1="${px(m.left)}" x2="${px(m.left)}" y1="${px(m.top)}" y2="${px(bottom)}"/>`);
  // thin the window labels so they never overlap
  const every = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(plotW / 64))));
  labels.forEach((w, i) => {
    if (i % every !== 0 && i !== labels.length - 1) return;
    parts.push(`<text class="tick" x="${px(x(i))}" y="${px(bottom + 18)}" text-anchor="middle">${escapeHtml(w)}</text>`);
  });
  parts.push(`<text class="axis-title" x="${px(m.left + plotW / 2)}" y="${px(bottom + 40)}" text-anchor="middle">${escapeHtml(opts.xTitle ?? "window")}</text>`);
  parts.push(`<text class="axis-title" transform="translate(14 ${px(m.top + plotH / 2)}) rotate(-90)" text-anchor="middle">score (−10…+10)</text>`);

  // arenas first, so the overall line is drawn on top of them
  for (const s of [...series.slice(1), ...series.slice(0, 1)]) {
    let d = "";
    s.values.forEach((v, i) => {
      if (v === null) return;
      d += `${d && s.values[i - 1] !== null ? "L" : "M"}${px(x(i))} ${px(y(v))} `;
    });
    const colour = SERIES_COLOURS[s.key];
    parts.push(`<path class="series" data-series="${s.key}" d="${d.trim()}" fill="none" stroke="${colour}" stroke-width="${s.key === "all" ? 3 : 2}"/>`);
    s.values.forEach((v, i) => {
      if (v !== null) parts.push(`<circle cx="${px(x(i))}" cy="${px(y(v))}" r="3" fill="${colour}"><title>${escapeHtml(`${labels[i]} ${s.name} ${signed(v)}`)}</title></circle>`);
    });
  }

  const legendY = height - 16;
  series.forEach((s, i) => {
    const lx = m.left + i * 110;
    parts.push(`<line x1="${px(lx)}" x2="${px(lx + 20)}" y1="${px(legendY - 4)}" y2="${px(legendY - 4)}" stroke="${SERIES_COLOURS[s.key]}" stroke-width="${s.key === "all" ? 3 : 2}"/>`);
    parts.push(`<text class="legend" x="${px(lx + 26)}" y="${px(legendY)}">${escapeHtml(s.name)}</text>`);
  });

  return svgDoc(width, height, opts.title ?? "Score per window", parts);
}

export interface Bar {
  label: string;
  /** null draws no bar and says "no events" */
  value: number | null;
}

/**
 * A horizontal bar chart on a fixed −10…+10 scale: zero in the middle, cooperation (positive)
 * to the right in blue, conflict (negative) to the left in orange, each bar labelled with its value.
 */
export function barChartSvg(bars: readonly Bar[], opts: ChartOptions = {}): string {
  const width = opts.width ?? 720;
  const row = 30;
  const m = { left: 110, right: 64, top: 8, bottom: 32 };
  const height = opts.height ?? m.top + bars.length * row + m.bottom;
  const plotW = width - m.left - m.right;
  const x = (v: number) => m.left + ((Math.max(-10, Math.min(10, v)) + 10) / 20) * plotW;
  const bottom = m.top + bars.length * row;

  const parts: string[] = [];
  for (const t of Y_TICKS) {
    parts.push(`<line class="${t === 0 ? "zero" : "grid"}" x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(m.top)}" y2="${px(bottom)}"/>`);
    parts.push(`<text class="tick" x="${px(x(t))}" y="${px(bottom + 16)}" text-anchor="middle">${t > 0 ? `+${t}` : String(t)}</text>`);
  }
  bars.forEach((b, i) => {
    const top = m.top + i * row + 6;
    const mid = top + 9;
    parts.push(`<text class="bar-label" x="${px(m.left - 8)}" y="${px(mid + 4)}" text-anchor="end">${escapeHtml(b.label)}</text>`);
    if (b.value === null) {
      parts.push(`<text class="tick" x="${px(x(0) + 6)}" y="${px(mid + 4)}">no events</text>`);
      return;
    }
    const [from, to] = b.value < 0 ? [x(b.value), x(0)] : [x(0), x(b.value)];
    const colour = b.value < 0 ? "#D55E00" : "#0072B2";
    parts.push(`<rect x="${px(from)}" y="${px(top)}" width="${px(to - from)}" height="18" fill="${colour}"><title>${escapeHtml(`${b.label} ${signed(b.value)}`)}</title></rect>`);
    // beyond ±8 the value goes inside the bar's end, where it cannot run into the arena names
    const inside = Math.abs(b.value) > 8;
    const toLeft = b.value < 0 !== inside;
    const labelX = b.value < 0 ? from + (inside ? 4 : -4) : to + (inside ? -4 : 4);
    parts.push(`<text class="value${inside ? " inside" : ""}" x="${px(labelX)}" y="${px(mid + 4)}" text-anchor="${toLeft ? "end" : "start"}">${signed(b.value)}</text>`);
  });
  return svgDoc(width, height, opts.title ?? "Scores", parts);
}

/**
 * One small chart of a yearly series on a fixed range (small multiples: the same size and year
 * axis for every measure, so they read side by side). Missing years leave a gap in the line.
 */
export function smallMultipleSvg(title: string, points: readonly { year: number; value: number | null }[], lo: number, hi: number, years: [number, number]): string {
  const width = 220;
  const height = 96;
  const m = { l: 30, r: 8, t: 16, b: 18 };
  const span = Math.max(1, years[1] - years[0]);
  const X = (yr: number) => m.l + ((yr - years[0]) / span) * (width - m.l - m.r);
  const Y = (v: number) => m.t + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (height - m.t - m.b);
  const parts: string[] = [`<text class="legend" x="${m.l}" y="11">${escapeHtml(title)}</text>`];
  for (const v of [lo, hi]) parts.push(`<line class="grid" x1="${m.l}" x2="${width - m.r}" y1="${px(Y(v))}" y2="${px(Y(v))}"/>`, `<text class="tick" x="${m.l - 4}" y="${px(Y(v) + 4)}" text-anchor="end">${v}</text>`);
  if (lo < 0 && hi > 0) parts.push(`<line class="zero" x1="${m.l}" x2="${width - m.r}" y1="${px(Y(0))}" y2="${px(Y(0))}"/>`);
  parts.push(`<text class="tick" x="${m.l}" y="${height - 4}">${years[0]}</text>`, `<text class="tick" x="${width - m.r}" y="${height - 4}" text-anchor="end">${years[1]}</text>`);
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) parts.push(`<polyline class="series" fill="none" points="${run.join(" ")}"/>`);
    run = [];
  };
  for (const p of [...points].sort((a, b) => a.year - b.year)) {
    if (p.value === null) {
      flush();
      continue;
    }
    run.push(`${px(X(p.year))},${px(Y(p.value))}`);
    parts.push(`<circle class="dot" cx="${px(X(p.year))}" cy="${px(Y(p.value))}" r="2"><title>${p.year}: ${p.value.toFixed(2)}</title></circle>`);
  }
  flush();
  return svgDoc(width, height, title, parts);
}

function svgDoc(width: number, height: number, title: string, parts: readonly string[]): string {
  return [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">`,
    `<title>${escapeHtml(title)}</title>`,
    ...parts,
    `</svg>`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// HTML

/** System fonts only: a report must open offline and make no request of any kind. */
const CSS = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 780px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.range { color: #555; margin: 0 0 12px; }
.verdict { font-size: 1.05em; background: #f4f6f8; border-left: 4px solid #0072B2; padding: 8px 12px; }
.none { color: #666; font-style: italic; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid #eee; vertical-align: top; }
th { font-weight: 600; }
figure.quote { margin: 12px 0; }
figure.quote blockquote { margin: 0; padding: 4px 12px; border-left: 3px solid #bbb; }
figure.quote figcaption { color: #555; font-size: 0.88em; padding-left: 15px; }
.signal { margin: 16px 0 4px; font-weight: 600; }
.kind { color: #666; font-weight: 400; }
svg.chart { max-width: 100%; height: auto; display: block; margin: 8px 0; font-family: inherit; }
svg .grid { stroke: #e3e3e3; stroke-width: 1; }
.multiples { display: flex; flex-wrap: wrap; gap: 8px; }
.multiples svg.chart { margin: 0; }
svg .series { stroke: #1f5fa8; stroke-width: 1.5; }
svg .dot { fill: #1f5fa8; }
svg .zero { stroke: #888; stroke-width: 1.5; }
svg .axis { stroke: #888; stroke-width: 1; }
svg .tick, svg .legend, svg .value { font-size: 11px; fill: #444; }
svg .value.inside { fill: #fff; }
svg .bar-label { font-size: 12px; fill: #222; }
svg .axis-title { font-size: 12px; fill: #444; }
footer ul { padding-left: 20px; color: #444; font-size: 0.92em; }
`;

/** An HTML table from plain-text cells (escaped here). */
function htmlTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = (tag: "th" | "td", cs: readonly string[]) => cs.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join("");
  return `<table>\n<thead><tr>${cells("th", head)}</tr></thead>\n<tbody>\n${rows.map((r) => `<tr>${cells("td", r)}</tr>`).join("\n")}\n</tbody>\n</table>`;
}

const none = (note: string) => `<p class="none">${escapeHtml(note)}</p>`;

const htmlQuote = (e: Evidence) =>
  `<figure class="quote"><blockquote><p>${escapeHtml(e.text)}</p></blockquote><figcaption>— ${escapeHtml(evidenceMeta(e))}</figcaption></figure>`;

function htmlSignals(signals: readonly (Signal & { evidence: Evidence[] })[], note: string): string {
  if (!signals.length) return none(note);
  return signals
    .map((s) => [`<p class="signal">${escapeHtml(s.summary)} <span class="kind">(${escapeHtml(s.kind)})</span></p>`, ...(s.evidence.length ? s.evidence.map(htmlQuote) : [none("No quotable evidence stored for this signal.")])].join("\n"))
    .join("\n");
}

/** An assessment as one standalone HTML5 page: same content as the Markdown, plus two charts. */
export function renderHtml(a: Assessment): string {
  const title = pairTitle(a);
  const range = rangeText(a.range);
  const f = a.overall;
  const sections: string[] = [];
  const section = (heading: string, body: string) => sections.push(`<section>\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`);

  const bars: Bar[] = f ? [...ARENAS.map((ar) => ({ label: ar, value: f.arenas[ar] ?? null })), { label: "all", value: f.score }] : [];
  section(
    SECTIONS.scores,
    f ? [barChartSvg(bars, { title: `${title}: score per arena` }), htmlTable(["measure", "score (−10…+10)"], scoreRows(a, f)), `<p>${escapeHtml(clusterLine(f))}</p>`].join("\n") : none(NOTHING.scores),
  );
  const chart = lineChartSvg(a.series.points, { title: `${title}: score per ${a.series.by}`, xTitle: a.series.by });
  section(SECTIONS.trends, [chart || none(NOTHING.chart), a.series.points.length ? `${htmlTable(trendHead(a.series.by), trendRows(a))}\n${htmlTable(windowHead(a.series.by), windowRows(a))}` : none(NOTHING.trends)].join("\n"));
  section(SECTIONS.supporting, a.supporting.length ? a.supporting.map(htmlQuote).join("\n") : none(NOTHING.supporting));
  section(SECTIONS.fragility, htmlSignals(a.fragility, NOTHING.fragility));
  section(SECTIONS.hedging, htmlSignals(a.hedging, NOTHING.hedging));
  section(SECTIONS.triads, a.triads.length ? htmlTable(TRIAD_HEAD, a.triads.map((t) => triadCells(a, t))) : none(NOTHING.triads));
  section(SECTIONS.claimed, a.claimed.length ? a.claimed.map(htmlQuote).join("\n") : none(NOTHING.claimed));
  if (a.structural) section(STRUCTURAL.heading, a.structural.years.length ? [structuralCharts(a, a.structural), htmlTable(STRUCT_HEAD, structuralRows(a, a.structural)), `<p>${escapeHtml(divergenceLine(a.structural.divergence))}</p>`].join("\n") : none(STRUCTURAL.nothing));

  const method = methodLines(a.config, a.series.by).map((l) => `<li>${escapeHtml(l)}</li>`).join("\n");
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${title}${range ? `, ${range}` : ""} · Entente brief`)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>${escapeHtml(title)}</h1>`,
    ...(range ? [`<p class="range">${escapeHtml(range)}</p>`] : []),
    `<p class="verdict">${escapeHtml(a.verdict)}</p>`,
    ...sections,
    `<footer>\n<h2>${escapeHtml(SECTIONS.method)}</h2>\n<ul>\n${method}\n</ul>\n</footer>`,
    "</main>",
    "</body>",
    "</html>\n",
  ].join("\n");
}
