/**
 * The dyad index across documents: event reports between states, clusters of reports of one
 * happening with their independent sources, and scores per pair, direction, arena and window.
 * Weights come from one `IndexConfig` (data/analysis/index.yaml); nothing here reads files.
 */
import { createHash } from "node:crypto";
import type { Cluster, DyadReport, DyadSums, Window } from "../core/dyad.js";
import { arenaBits, arenasOf } from "../core/dyad.js";
import type { IndexConfig } from "../core/index-config.js";
import type { Arena, EntenteOutput, Modality, OutEvent } from "../core/output.js";
import { ARENAS, MODALITIES } from "../core/output.js";

/** Who published a document, for independence: a key (owner, else outlet) and the outlet's country. */
export interface SourceInfo {
  key: string;
  country: string | null;
}

export interface ReportContext {
  /** the publishing outlet of a document (its `outlet` metadata), or null when unknown */
  sourceOf(outlet: string | null): SourceInfo | null;
  /** whether an ISO code names a state (not an organisation or region) */
  isState(code: string): boolean;
}

const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** YYYY, YYYY-MM or YYYY-MM-DD as a full day: the first day of the year or month. */
const fullDay = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d.slice(0, 10));

/** A day for an event: its own date when precise to a month or less, else the document's. */
export function dayOf(e: OutEvent, published: string | null): string | null {
  const pub = published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : null;
  if (!e.date || !/^\d{4}/.test(e.date.from)) return pub;
  const from = fullDay(e.date.from);
  const to = e.date.to.length === 4 ? `${e.date.to}-12-31` : e.date.to.length === 7 ? `${e.date.to}-28` : e.date.to.slice(0, 10);
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(span > 31)) return from;
  return pub && pub >= from && pub <= to ? pub : from;
}

/** The reports an analysed document gives: each event once per pair of states it joins. */
export function reportsOf(out: EntenteOutput, ctx: ReportContext): DyadReport[] {
  const country = new Map(out.actors.map((a) => [a.id, a.country]));
  const statesOf = (ids: readonly string[]) => [...new Set(ids.map((id) => country.get(id) ?? null).filter((c): c is string => !!c && ctx.isState(c)))];
  const src = ctx.sourceOf(out.document.outlet);
  const sourceKey = src?.key ?? `doc:${out.document.id}`;
  const reports: DyadReport[] = [];
  for (const e of out.events) {
    const s = statesOf(e.source);
    const t = statesOf(e.target);
    const pairs: [string, string, boolean][] = [];
    const seen = new Set<string>();
    const add = (a: string, b: string, mutual: boolean) => {
      if (a === b) return;
      const [x, y] = mutual && b < a ? [b, a] : [a, b];
      const k = `${x}|${y}|${mutual}`;
      if (!seen.has(k)) (seen.add(k), pairs.push([x, y, mutual]));
    };
    if (e.mutual) {
      const all = [...new Set([...s, ...t])];
      for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) add(all[i]!, all[j]!, true);
    } else for (const a of s) for (const b of t) add(a, b, false);
    if (!pairs.length) continue;
    const claimCountry = e.attributedTo ? (country.get(e.attributedTo) ?? null) : null;
    const textKey = createHash("sha1").update(fold(e.evidence.text)).digest("hex").slice(0, 16);
    for (const [a, b, mutual] of pairs) {
      reports.push({
        docId: out.document.id,
        eventId: e.id,
        a,
        b,
        mutual,
        type: e.type,
        polarity: e.polarity,
        intensity: e.intensity,
        modality: e.modality,
        confidence: e.confidence,
        arenas: arenaBits(e.arena),
        day: dayOf(e, out.document.published),
        sourceKey,
        sourceCountry: src?.country ?? null,
        claimCountry,
        textKey,
        fragility: !!e.fragility,
        hedging: !!e.hedging,
      });
    }
  }
  return reports;
}

const MOD_RANK = new Map<Modality, number>(MODALITIES.map((m, i) => [m, i]));
const dayNum = (d: string) => Date.parse(d) / 86_400_000;

/** Independent sources among reports: same owner, or the same sentence (a wire copy), count once. */
export function independentSources(reports: readonly Pick<DyadReport, "sourceKey" | "textKey">[]): number {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (x: string, y: string) => {
    for (const k of [x, y]) if (!parent.has(k)) parent.set(k, k);
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent.set(rx, ry);
  };
  for (const r of reports) union(`s:${r.sourceKey}`, `t:${r.textKey}`);
  const roots = new Set<string>();
  for (const r of reports) roots.add(find(`s:${r.sourceKey}`));
  return roots.size;
}

/** The weight of a cluster: modality × confidence × independent-source factor. */
export function clusterWeight(modality: Modality, confidence: number, sources: number, cfg: IndexConfig): number {
  const factor = Math.min(cfg.sources.max, 1 + cfg.sources.perDoubling * Math.log2(Math.max(1, sources)));
  return cfg.modality[modality] * confidence * factor;
}

/** The score of a raw sum: bounded within −10…+10, monotone in the sum. */
export function scoreOf(sum: number, cfg: IndexConfig): number {
  return 10 * Math.tanh(sum / cfg.scale);
}

/**
 * Clusters of reports of one happening: same pair, direction, type and polarity, days within
 * `cfg.clusterDays` of the cluster's first day. Reports without a day join only copies of the
 * same sentence. The result does not depend on the order of `reports`, and a report stored twice
 * changes nothing but the report count.
 */
export function clusterReports(reports: readonly DyadReport[], cfg: IndexConfig): Cluster[] {
  const groups = new Map<string, DyadReport[]>();
  for (const r of reports) {
    const k = `${r.a}|${r.b}|${r.mutual ? 1 : 0}|${r.type}|${r.polarity}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  const out: Cluster[] = [];
  for (const g of groups.values()) {
    // duplicates (same document and event) are one report
    const uniq = new Map<string, DyadReport>();
    for (const r of g) uniq.set(`${r.docId}#${r.eventId}`, r);
    const rs = [...uniq.values()].sort((x, y) => (x.day ?? "~").localeCompare(y.day ?? "~") || x.docId.localeCompare(y.docId) || x.eventId.localeCompare(y.eventId));
    const dated: DyadReport[][] = [];
    const undated: DyadReport[] = [];
    for (const r of rs) {
      if (!r.day) {
        undated.push(r);
        continue;
      }
      const cur = dated.at(-1);
      if (cur && dayNum(r.day) - dayNum(cur[0]!.day!) <= cfg.clusterDays) cur.push(r);
      else dated.push([r]);
    }
    // an undated report joins the dated cluster holding a copy of its sentence, else other
    // undated copies of it
    const byText = new Map<string, DyadReport[]>();
    for (const c of dated) for (const r of c) if (!byText.has(r.textKey)) byText.set(r.textKey, c);
    const alone = new Map<string, DyadReport[]>();
    for (const r of undated) {
      const home = byText.get(r.textKey);
      if (home) home.push(r);
      else alone.set(r.textKey, [...(alone.get(r.textKey) ?? []), r]);
    }
    for (const c of [...dated, ...alone.values()]) out.push(makeCluster(c, cfg));
  }
  return out.sort((x, y) => (x.day ?? "~").localeCompare(y.day ?? "~") || x.id.localeCompare(y.id));
}

function makeCluster(rs: readonly DyadReport[], cfg: IndexConfig): Cluster {
  const first = rs[0]!;
  const modality = rs.reduce<Modality>((m, r) => (MOD_RANK.get(r.modality)! < MOD_RANK.get(m)! ? r.modality : m), first.modality);
  const confidence = Math.max(...rs.map((r) => r.confidence));
  // the most intense report speaks for the happening: so another report can only strengthen a
  // cluster in its own direction, and a copy (same or weaker wording) changes nothing
  const intensity = rs.reduce((m, r) => (Math.abs(r.intensity) > Math.abs(m) ? r.intensity : m), first.intensity);
  const sources = independentSources(rs);
  const weight = clusterWeight(modality, confidence, sources, cfg);
  const refs = rs.map((r) => `${r.docId}#${r.eventId}`);
  const countries = new Set(rs.map((r) => r.claimCountry ?? r.sourceCountry));
  const only = countries.size === 1 ? [...countries][0]! : null;
  return {
    id: createHash("sha1").update(`${first.a}|${first.b}|${first.mutual}|${refs[0]}`).digest("hex").slice(0, 12),
    a: first.a,
    b: first.b,
    mutual: first.mutual,
    type: first.type,
    polarity: first.polarity,
    day: first.day,
    month: first.day ? first.day.slice(0, 7) : null,
    arenas: rs.reduce((b, r) => b | r.arenas, 0),
    intensity,
    modality,
    confidence,
    reports: rs.length,
    sources,
    contribution: weight * intensity,
    weight,
    fragility: rs.some((r) => r.fragility),
    hedging: rs.some((r) => r.hedging),
    onlySourceCountry: only === first.a || only === first.b ? only : null,
    refs,
  };
}

/** The window label of a month (YYYY-MM). */
export function windowOf(month: string, by: Window): string {
  if (by === "month") return month;
  if (by === "year") return month.slice(0, 4);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Sums of clusters by pair (a < b), window, direction and arena: what a store's aggregate returns. */
export function sumClusters(clusters: readonly Cluster[], by: Window | null): DyadSums[] {
  const acc = new Map<string, DyadSums>();
  for (const c of clusters) {
    const [a, b] = c.a < c.b ? [c.a, c.b] : [c.b, c.a];
    const direction = c.mutual ? "mutual" : c.a === a ? "ab" : "ba";
    const window = by ? (c.month ? windowOf(c.month, by) : "") : "";
    for (const arena of ["all" as const, ...arenasOf(c.arenas)]) {
      const k = `${a}|${b}|${window}|${direction}|${arena}`;
      let s = acc.get(k);
      if (!s) acc.set(k, (s = { a, b, window, direction, arena, sum: 0, weight: 0, clusters: 0, conflict: 0, cooperation: 0 }));
      s.sum += c.contribution;
      s.weight += c.weight;
      s.clusters++;
      if (c.polarity === "conflict") s.conflict++;
      else s.cooperation++;
    }
  }
  return [...acc.values()];
}

/** A pair's figures over one range or window, from its sums. */
export interface DyadFigures {
  pair: [string, string];
  window: string;
  score: number;
  /** a→b (with mutual events) and b→a */
  directed: { ab: number; ba: number };
  /** (a→b − b→a) / (|a→b| + |b→a|) over one-way events; 0 when there are none */
  asymmetry: number;
  arenas: Partial<Record<Arena, number>>;
  clusters: number;
  cooperation: number;
  conflict: number;
  polarity: "cooperation" | "conflict" | "mixed";
}

/** Figures per pair and window from sums (any mix of pairs and windows). */
export function figuresOf(sums: readonly DyadSums[], cfg: IndexConfig): DyadFigures[] {
  const byKey = new Map<string, DyadSums[]>();
  for (const s of sums) {
    const k = `${s.a}|${s.b}|${s.window}`;
    let g = byKey.get(k);
    if (!g) byKey.set(k, (g = []));
    g.push(s);
  }
  const out: DyadFigures[] = [];
  for (const g of byKey.values()) {
    const { a, b, window } = g[0]!;
    const pick = (arena: Arena | "all", dirs: readonly string[]) => g.filter((s) => s.arena === arena && dirs.includes(s.direction));
    const total = (xs: readonly DyadSums[]) => xs.reduce((t, s) => t + s.sum, 0);
    const all = pick("all", ["ab", "ba", "mutual"]);
    const sum = total(all);
    const oneAb = total(pick("all", ["ab"]));
    const oneBa = total(pick("all", ["ba"]));
    const arenas: Partial<Record<Arena, number>> = {};
    for (const ar of ARENAS) {
      const xs = pick(ar, ["ab", "ba", "mutual"]);
      if (xs.length) arenas[ar] = round(scoreOf(total(xs), cfg));
    }
    const clusters = all.reduce((t, s) => t + s.clusters, 0);
    const cooperation = all.reduce((t, s) => t + s.cooperation, 0);
    const conflict = all.reduce((t, s) => t + s.conflict, 0);
    const score = scoreOf(sum, cfg);
    const denom = Math.abs(oneAb) + Math.abs(oneBa);
    out.push({
      pair: [a, b],
      window,
      score: round(score),
      directed: { ab: round(scoreOf(total(pick("all", ["ab", "mutual"])), cfg)), ba: round(scoreOf(total(pick("all", ["ba", "mutual"])), cfg)) },
      asymmetry: denom ? round((oneAb - oneBa) / denom) : 0,
      arenas,
      clusters,
      cooperation,
      conflict,
      polarity: Math.abs(score) < cfg.mixedBand && cooperation && conflict ? "mixed" : score >= 0 ? "cooperation" : "conflict",
    });
  }
  return out.sort((x, y) => x.pair.join().localeCompare(y.pair.join()) || x.window.localeCompare(y.window));
}

export const round = (x: number) => Math.round(x * 100) / 100;

/** An ordinary least-squares slope of scores over consecutive windows, with its standard error. */
export interface Trend {
  /** change of score per window */
  slope: number;
  /** standard error of the slope; null with fewer than three windows */
  stderr: number | null;
  windows: number;
  direction: "rising" | "falling" | "flat" | "unknown";
}

/** The trend of a series; windows are positioned by their order in time, gaps kept. */
export function trendOf(points: readonly { window: string; score: number }[], by: Window): Trend {
  const pos = (w: string) => {
    const y = Number(w.slice(0, 4));
    if (by === "year") return y;
    if (by === "quarter") return y * 4 + Number(w.slice(6)) - 1;
    return y * 12 + Number(w.slice(5, 7)) - 1;
  };
  const pts = points.filter((p) => p.window).map((p) => [pos(p.window), p.score] as const);
  const n = pts.length;
  if (n < 2) return { slope: 0, stderr: null, windows: n, direction: "unknown" };
  const mx = pts.reduce((s, p) => s + p[0], 0) / n;
  const my = pts.reduce((s, p) => s + p[1], 0) / n;
  const sxx = pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  if (sxx === 0) return { slope: 0, stderr: null, windows: n, direction: "unknown" };
  const slope = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / sxx;
  let stderr: number | null = null;
  if (n >= 3) {
    const rss = pts.reduce((s, p) => s + (p[1] - (my + slope * (p[0] - mx))) ** 2, 0);
    stderr = Math.sqrt(rss / (n - 2) / sxx);
  }
  const direction = stderr === null ? "unknown" : Math.abs(slope) <= 2 * stderr ? "flat" : slope > 0 ? "rising" : "falling";
  return { slope: Math.round(slope * 1000) / 1000, stderr: stderr === null ? null : Math.round(stderr * 1000) / 1000, windows: n, direction };
}
