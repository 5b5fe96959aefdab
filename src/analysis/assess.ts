/**
 * The analyst's questions over the store: how strong, how one-sided, how fragile a relationship
 * is, and who says so. Dyad tables and series from the store's cluster sums; fragility and
 * hedging signals from the clusters themselves, each citing its events; the signed network,
 * its triads, blocs and centralities; and one `Assessment` per pair for reports.
 */
import type { Cluster, DyadQuery, Window } from "../core/dyad.js";
import { arenasOf } from "../core/dyad.js";
import type { IndexConfig } from "../core/index-config.js";
import type { Arena, Modality } from "../core/output.js";
import { ARENAS } from "../core/output.js";
import type { CitedEvent, EventStore } from "../store/contract.js";
import { figuresOf, round, sumClusters, trendOf, type DyadFigures, type Trend } from "./dyadindex.js";
import { eventSide, structuralDivergence, structuralFor, type DivergenceSignal, type PriorIndex, type StructuralIndex } from "./structural.js";
import type { StructuralConfig } from "../core/structural-config.js";

/** Every pair's figures over a range. */
export async function dyadTable(store: EventStore, q: DyadQuery, cfg: IndexConfig): Promise<DyadFigures[]> {
  const figs = figuresOf(await store.dyadSums({ ...q, by: undefined }), cfg);
  return figs.sort((x, y) => y.clusters - x.clusters || Math.abs(y.score) - Math.abs(x.score) || x.pair.join().localeCompare(y.pair.join()));
}

export interface DyadSeries {
  pair: [string, string];
  by: Window;
  points: DyadFigures[];
  trend: Record<Arena | "all", Trend>;
}

/** A pair's figures per window, with a trend per arena and overall. */
export async function dyadSeries(store: EventStore, a: string, b: string, by: Window, q: DyadQuery, cfg: IndexConfig): Promise<DyadSeries> {
  const pair: [string, string] = a < b ? [a, b] : [b, a];
  const points = figuresOf(await store.dyadSums({ ...q, pair, by }), cfg).filter((p) => p.window !== "");
  const trend = { all: trendOf(points.map((p) => ({ window: p.window, score: p.score })), by) } as Record<Arena | "all", Trend>;
  for (const ar of ARENAS) trend[ar] = trendOf(points.filter((p) => p.arenas[ar] !== undefined).map((p) => ({ window: p.window, score: p.arenas[ar]! })), by);
  return { pair, by, points, trend };
}

/** A sign that a cooperative relationship is weaker than it looks, with the events it rests on. */
export interface Signal {
  kind: "fragility-claim" | "conflict-amid-cooperation" | "arena-divergence" | "one-sided-sources" | "hedging" | "structural-divergence";
  /** one line an analyst can read */
  summary: string;
  /** for hedging: the side that hedges and the third state it turns to */
  side?: string;
  toward?: string;
  refs: string[];
}

/** How a fragility-flagged event type reads in a signal's summary. */
const FRAGILITY_WORDS: Record<string, string> = {
  REJECT: "a refusal or withheld support",
  DISTRUST: "distrust, or a claim that one side wants the other weak",
  REDUCE: "support reduced or withdrawn",
  DISAPPROVE: "open criticism",
  ACCUSE: "an accusation",
  THREATEN: "a threat",
  SANCTION: "a sanction or penalty",
  RETREAT: "a step back from a commitment",
  COERCE: "pressure",
  REQUEST: "a demand the other has not met",
  CONSULT: "a dependence or leverage worry",
  AGREE: "an agreement hedged with doubt",
  SUPPORT: "support given with reservations",
};

/** Fragility signals of a pair from its clusters and figures (empty unless it is cooperative overall). */
export function fragilitySignals(clusters: readonly Cluster[], fig: DyadFigures, cfg: IndexConfig): Signal[] {
  if (fig.polarity !== "cooperation") return [];
  const out: Signal[] = [];
  const label = (c: Cluster) => `${c.type} ${c.mutual ? `${c.a}–${c.b}` : `${c.a}→${c.b}`}${c.day ? ` (${c.day})` : ""}`;
  for (const c of clusters) {
    if (c.fragility) out.push({ kind: "fragility-claim", summary: `${label(c)}: ${FRAGILITY_WORDS[c.type] ?? "a sign of strain"}`, refs: c.refs });
    else if (c.polarity === "conflict") out.push({ kind: "conflict-amid-cooperation", summary: `${label(c)}: conflict inside a cooperative relationship`, refs: c.refs });
  }
  const neg = ARENAS.filter((ar) => (fig.arenas[ar] ?? 0) <= -cfg.divergence);
  const pos = ARENAS.filter((ar) => (fig.arenas[ar] ?? 0) >= cfg.divergence);
  if (neg.length && pos.length) {
    const refs = clusters.filter((c) => c.polarity === "conflict" && arenasOf(c.arenas).some((ar) => neg.includes(ar))).flatMap((c) => c.refs);
    out.push({ kind: "arena-divergence", summary: `conflict in ${neg.join(", ")} while ${pos.join(", ")} cooperate`, refs });
  }
  // claims that only one side's outlets or officials make
  const bySide = new Map<string, Cluster[]>();
  for (const c of clusters) if (c.onlySourceCountry && (c.fragility || c.modality !== "asserted")) bySide.set(c.onlySourceCountry, [...(bySide.get(c.onlySourceCountry) ?? []), c]);
  for (const [side, cs] of bySide) out.push({ kind: "one-sided-sources", summary: `${cs.length} claim${cs.length === 1 ? "" : "s"} sourced only to ${side}'s own media or officials`, side, refs: cs.flatMap((c) => c.refs) });
  return out;
}

/**
 * Hedging: a side of a cooperative pair cooperating with a third state, either in words that say
 * so ("also", "turning to", "alternative") or while the other side's relation with that state is
 * weaker than its own.
 */
export interface ThirdParty {
  /** the third state */
  other: string;
  /** the side of the pair that cooperates with it */
  side: string;
  /** the side's clusters with the third state (its own initiatives and mutual ones) */
  clusters: readonly Cluster[];
  score: number;
  /** the partner's score with the third state, if any */
  otherScore: number | null;
  /** whether the partner's own events show distrust or conflict toward the third state */
  partnerWary: boolean;
}

export function hedgingSignals(pair: readonly [string, string], third: readonly ThirdParty[]): Signal[] {
  const out: Signal[] = [];
  for (const t of third) {
    const coop = t.clusters.filter((c) => c.polarity === "cooperation");
    const cued = coop.filter((c) => c.hedging);
    const wary = t.partnerWary || (t.otherScore !== null && t.otherScore < 0);
    if (!cued.length && !(wary && coop.length >= 2)) continue;
    const partner = pair[0] === t.side ? pair[1] : pair[0];
    const why = cued.length ? `${cued.length} cooperative event${cued.length === 1 ? "" : "s"} worded as turning to ${t.other}` : `${coop.length} cooperative events with ${t.other}, whom ${partner} treats warily${t.otherScore !== null ? ` (${partner}–${t.other} ${round(t.otherScore)})` : ""}`;
    out.push({ kind: "hedging", summary: `${t.side} hedges toward ${t.other}: ${why}`, side: t.side, toward: t.other, refs: (cued.length ? cued : coop).flatMap((c) => c.refs) });
  }
  return out;
}

export interface NetworkEdge {
  pair: [string, string];
  score: number;
  sign: 1 | -1;
  clusters: number;
}

export interface Triad {
  members: [string, string, string];
  signs: [number, number, number];
  balanced: boolean;
  /** a bloc: three cooperating states with a common adversary */
  against: string[];
}

export interface Network {
  nodes: { id: string; degree: number; strength: number; positive: number; negative: number }[];
  edges: NetworkEdge[];
  triads: Triad[];
}

/** The signed network from thresholded dyad scores: triads (balanced or not), blocs, centralities. */
export function networkOf(figs: readonly DyadFigures[], cfg: IndexConfig): Network {
  const edges: NetworkEdge[] = figs.filter((f) => Math.abs(f.score) >= cfg.edgeThreshold).map((f) => ({ pair: f.pair, score: f.score, sign: f.score > 0 ? 1 : -1, clusters: f.clusters }));
  const sign = new Map(edges.map((e) => [e.pair.join("|"), e.sign]));
  const get = (x: string, y: string) => sign.get(x < y ? `${x}|${y}` : `${y}|${x}`);
  const adj = new Map<string, Set<string>>();
  for (const e of edges) {
    for (const [x, y] of [e.pair, [e.pair[1], e.pair[0]]] as const) {
      if (!adj.has(x)) adj.set(x, new Set());
      adj.get(x)!.add(y);
    }
  }
  const ids = [...adj.keys()].sort();
  const triads: Triad[] = [];
  for (const a of ids) {
    for (const b of adj.get(a)!) {
      if (b <= a) continue;
      for (const c of adj.get(b)!) {
        if (c <= b || !adj.get(a)!.has(c)) continue;
        const s: [number, number, number] = [get(a, b)!, get(b, c)!, get(a, c)!];
        const against = s.every((x) => x > 0) ? ids.filter((d) => d !== a && d !== b && d !== c && [a, b, c].every((x) => get(x, d) === -1)) : [];
        triads.push({ members: [a, b, c], signs: s, balanced: s[0] * s[1] * s[2] > 0, against });
      }
    }
  }
  const nodes = ids.map((id) => {
    const es = edges.filter((e) => e.pair.includes(id));
    return { id, degree: es.length, strength: round(es.reduce((t, e) => t + Math.abs(e.score), 0)), positive: es.filter((e) => e.sign > 0).length, negative: es.filter((e) => e.sign < 0).length };
  });
  nodes.sort((x, y) => y.strength - x.strength || x.id.localeCompare(y.id));
  return { nodes, edges, triads };
}

/** An event quoted as evidence, with who says so. */
export interface Evidence {
  ref: string;
  type: string;
  polarity: "cooperation" | "conflict";
  arena: Arena[];
  modality: Modality;
  date: string | null;
  text: string;
  outlet: string | null;
  /** the publishing outlet's leaning or ownership, as the gazetteer gives it */
  leaning: string | null;
  /** who the text says makes the claim */
  attributedTo: string | null;
  /** the speaker's leaning (an outlet quoted), as the gazetteer or the text gives it */
  speakerLeaning?: string | null;
  title: string | null;
}

export interface Assessment {
  pair: [string, string];
  names: Record<string, string>;
  range: { since: string | null; until: string | null };
  /** one line: strength, direction, fragility */
  verdict: string;
  overall: DyadFigures | null;
  series: DyadSeries;
  supporting: Evidence[];
  fragility: (Signal & { evidence: Evidence[] })[];
  hedging: (Signal & { evidence: Evidence[] })[];
  triads: Triad[];
  /** events that are only claimed (reported) or not facts (expected, desired, hypothetical) */
  claimed: Evidence[];
  config: IndexConfig;
  /** slow structural ties (UN votes, alliances, arms, trade) per year, beside the event index; absent when no priors are stored */
  structural?: StructuralPanel;
}

/** The structural side of a brief: the index per year with its components, and its divergence from the event index. */
export interface StructuralPanel {
  years: StructuralIndex[];
  divergence: DivergenceSignal | null;
}

export interface AssessOptions {
  since?: string;
  until?: string;
  by?: Window;
  /** names and leanings for display: actor id → { name, leaning } */
  actorInfo?: (id: string) => { name: string; leaning: string | null } | null;
  /** an outlet's leaning from its name (gazetteer) */
  outletLeaning?: (outlet: string) => string | null;
  maxEvidence?: number;
  /** structural priors of the pair (and what its measures need), indexed: adds the structural panel */
  priors?: { index: PriorIndex; config: StructuralConfig };
}

/** The years a structural panel covers: the asked range, else the last `span` years the priors cover. */
export function panelYears(idx: PriorIndex, since: string | undefined, until: string | undefined, span = 20): number[] {
  const covered = [...idx.votesByYear.keys(), ...idx.atopYears, ...idx.tradeYears, ...(idx.armsYears ?? [])];
  if (!covered.length) return [];
  const last = until ? Number(until.slice(0, 4)) : Math.max(...covered);
  const first = since ? Number(since.slice(0, 4)) : Math.max(Math.min(...covered), last - span + 1);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/**
 * The structural panel: the index per year, and the divergence of the event score from the
 * structural index of the period the events describe (a fragility signal citing both sides).
 */
export function structuralPanel(pair: [string, string], priors: NonNullable<AssessOptions["priors"]>, overall: DyadFigures | null, clusters: readonly Cluster[], since?: string, until?: string): StructuralPanel {
  const years = panelYears(priors.index, since, until).map((y) => structuralFor(priors.index, pair[0], pair[1], y, priors.config));
  // the structural year of the period the events describe: the range's end, else the latest
  // dated cluster's year, else the latest year with a structural figure
  const days = clusters.map((c) => c.day).filter((d): d is string => !!d).sort();
  const upto = until ? Number(until.slice(0, 4)) : days.length ? Number(days[days.length - 1]!.slice(0, 4)) : Infinity;
  const latest = [...years].reverse().find((s) => s.score !== null && s.year <= upto) ?? [...years].reverse().find((s) => s.score !== null);
  const divergence = overall && latest ? structuralDivergence(eventSide(overall, clusters), latest, priors.config) : null;
  return { years: years.filter((s) => s.components.length > 0), divergence };
}

/** Everything a report on one pair needs. */
export async function assess(store: EventStore, a0: string, b0: string, cfg: IndexConfig, opts: AssessOptions = {}): Promise<Assessment> {
  const [a, b] = a0 < b0 ? [a0, b0] : [b0, a0];
  const q: DyadQuery = { since: opts.since, until: opts.until };
  const by = opts.by ?? "year";
  const clusters = await store.clusters({ ...q, pair: [a, b] });
  const overall = figuresOf(sumClusters(clusters, null), cfg)[0] ?? null;
  const series = await dyadSeries(store, a, b, by, q, cfg);
  const max = opts.maxEvidence ?? 6;

  const refsOf = (cs: readonly Cluster[]) => cs.flatMap((c) => c.refs.slice(0, 1));
  const byStrength = [...clusters].sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution) || (x.day ?? "").localeCompare(y.day ?? ""));
  const supportingClusters = byStrength.filter((c) => overall && (c.polarity === (overall.score >= 0 ? "cooperation" : "conflict")) && !c.fragility).slice(0, max);

  const structural = opts.priors ? structuralPanel([a, b], opts.priors, overall, clusters, opts.since, opts.until) : undefined;
  const fragility: Signal[] = overall ? fragilitySignals(clusters, overall, cfg) : [];
  if (structural?.divergence) fragility.push({ kind: "structural-divergence", summary: structural.divergence.summary, refs: structural.divergence.refs });

  // hedging: each side's cooperation with third states, against the other side's relation with them
  const table = await dyadTable(store, q, cfg);
  const scoreOf = (x: string, y: string) => table.find((f) => f.pair[0] === (x < y ? x : y) && f.pair[1] === (x < y ? y : x))?.score ?? null;
  const third: ThirdParty[] = [];
  if (overall?.polarity === "cooperation") {
    for (const side of [a, b]) {
      const other = side === a ? b : a;
      for (const f of table) {
        if (!f.pair.includes(side) || f.pair.includes(other) || f.score <= 0) continue;
        const t = f.pair[0] === side ? f.pair[1] : f.pair[0];
        const cs = (await store.clusters({ ...q, pair: [side, t] })).filter((c) => c.a === side || c.mutual);
        const partnerWary = (await store.clusters({ ...q, pair: [other, t] })).some((c) => (c.a === other || c.mutual) && (c.fragility || c.polarity === "conflict"));
        third.push({ other: t, side, clusters: cs, score: f.score, otherScore: scoreOf(other, t), partnerWary });
      }
    }
  }
  const hedging = hedgingSignals([a, b], third);

  const net = networkOf(table, cfg);
  const triads = net.triads.filter((t) => t.members.includes(a) && t.members.includes(b));

  const claimedClusters = clusters.filter((c) => c.modality !== "asserted").slice(0, max * 2);

  const wanted = new Set<string>([...refsOf(supportingClusters), ...fragility.flatMap((s) => s.refs.slice(0, 3)), ...hedging.flatMap((s) => s.refs.slice(0, 3)), ...refsOf(claimedClusters)]);
  const cited = new Map((await store.citedEvents([...wanted])).map((e) => [`${e.docId}#${e.id}`, e]));
  const ev = (ref: string): Evidence | null => {
    const e = cited.get(ref);
    return e ? evidenceOf(ref, e, opts) : null;
  };
  const evs = (refs: readonly string[]) => refs.map(ev).filter((x): x is Evidence => !!x);

  const names: Record<string, string> = {};
  for (const id of new Set([a, b, ...triads.flatMap((t) => [...t.members, ...t.against]), ...hedging.map((h) => h.toward!)])) names[id] = opts.actorInfo?.(id)?.name ?? id;

  const fr = fragility.map((s) => ({ ...s, evidence: evs(s.refs.slice(0, 3)) }));
  const hg = hedging.map((s) => ({ ...s, evidence: evs(s.refs.slice(0, 3)) }));
  return {
    pair: [a, b],
    names,
    range: { since: opts.since ?? null, until: opts.until ?? null },
    verdict: verdictOf(a, b, names, overall, series, fr.length, hg, cfg),
    overall,
    series,
    supporting: evs(refsOf(supportingClusters)),
    fragility: fr,
    hedging: hg,
    triads,
    claimed: evs(refsOf(claimedClusters)),
    config: cfg,
    ...(structural ? { structural } : {}),
  };
}

function evidenceOf(ref: string, e: CitedEvent, opts: AssessOptions): Evidence {
  const speaker = e.attributedTo ? opts.actorInfo?.(e.attributedTo) : null;
  return {
    ref,
    type: e.type,
    polarity: e.polarity,
    arena: e.arena,
    modality: e.modality,
    date: e.date?.from ?? e.published ?? null,
    text: e.evidence.text,
    outlet: e.outlet,
    leaning: e.outlet ? (opts.outletLeaning?.(e.outlet) ?? null) : null,
    attributedTo: e.attributedTo ? (speaker?.name ?? e.attributedTo) : null,
    speakerLeaning: speaker?.leaning ?? null,
    title: e.title,
  };
}

function verdictOf(a: string, b: string, names: Record<string, string>, f: DyadFigures | null, s: DyadSeries, fragile: number, hedging: readonly Signal[], cfg: IndexConfig): string {
  const n = (id: string) => names[id] ?? id;
  if (!f) return `${n(a)}–${n(b)}: no coded events in this range.`;
  const mag = Math.abs(f.score);
  const strength = mag >= cfg.strong ? "strong" : mag >= cfg.moderate ? "moderate" : "weak";
  const kind = f.polarity === "mixed" ? "mixed relations" : f.polarity;
  const lead = f.asymmetry > cfg.oneSided ? `, driven by ${n(a)}` : f.asymmetry < -cfg.oneSided ? `, driven by ${n(b)}` : ", two-sided";
  const tr = s.trend.all.direction === "rising" || s.trend.all.direction === "falling" ? `, ${s.trend.all.direction}` : "";
  const fr = f.polarity === "cooperation" ? (fragile >= 3 ? `; fragile (${fragile} signals)` : fragile ? `; ${fragile} fragility signal${fragile === 1 ? "" : "s"}` : "; no fragility signals") : "";
  const hg = hedging.length ? `; ${[...new Set(hedging.map((h) => `${n(h.side!)} hedging toward ${n(h.toward!)}`))].join(", ")}` : "";
  return `${n(a)}–${n(b)}: ${strength} ${kind} (${f.score >= 0 ? "+" : ""}${f.score.toFixed(1)} on −10…+10, ${f.clusters} event cluster${f.clusters === 1 ? "" : "s"})${lead}${tr}${fr}${hg}.`;
}
