/**
 * Structural measures per dyad and year, from the field's open datasets (UN General Assembly
 * votes, ATOP alliance obligations, SIPRI arms transfers, COW trade): pure functions over arrays
 * of the records in `src/core/priors.ts`. Each measure is defined once, here, with its formula and
 * its reference (and in `docs/STRUCTURAL.md`); the structural index combines them with the weights
 * of `data/analysis/structural.yaml`. It is never mixed into the event index: it is a separate
 * figure beside it, and `structuralDivergence` turns a gap between the two into a fragility signal
 * that cites both sides.
 *
 * Symmetry, stated once: UN agreement, π and κ and the trade weaker link are symmetric in the two
 * states; ATOP levels and arms dependence are directed (`from`→`to`, recipient on supplier); trade
 * asymmetry changes sign when the states are swapped.
 */
import type { AtopObligation, ArmsTransfer, DyadTrade, NationalTrade, UnVote, UnVoteChoice } from "../core/priors.js";
import type { Cluster } from "../core/dyad.js";
import type { StructuralConfig } from "../core/structural-config.js";
import type { DyadFigures } from "./dyadindex.js";

/** Rounded for display and stable output (4 decimals; −0 becomes 0, so a tiny float error cannot tell a pair from its swap). */
const r4 = (x: number) => Math.round(x * 10_000) / 10_000 + 0;

// ---------------------------------------------------------------------------------------------
// UN voting agreement

/** The three vote categories, ordered (yes > abstain > no), as rows and columns of the vote table. */
export const VOTE_ORDER: readonly UnVoteChoice[] = ["yes", "abstain", "no"];
const VOTE_INDEX: Record<UnVoteChoice, number> = { yes: 0, abstain: 1, no: 2 };

/** 3×3 counts: `table[i][j]` = roll calls where `a` voted VOTE_ORDER[i] and `b` VOTE_ORDER[j]. */
export type VoteTable = number[][];

/**
 * UN General Assembly voting agreement of two states in one year.
 *
 * - `share` = agreements / n: the roll calls both voted on (yes, abstain or no; absent and
 *   non-members have no record) where they cast the same vote.
 * - `pi`: Scott's π = (Po − Pe) / (1 − Pe), Pe = Σₖ p̄ₖ², p̄ₖ the share of category k among both
 *   states' 2n votes pooled. `kappa`: Cohen's κ, the same with Pe = Σₖ aₖ·bₖ from each state's own
 *   marginal shares. Häge (2011), "Choice or Circumstance? Adjusting Measures of Foreign Policy
 *   Similarity for Chance Agreement", Political Analysis 19(3): 287–305, recommends these over
 *   the S-score (Signorino & Ritter 1999), which does not correct for each state's own voting
 *   pattern (most UNGA votes are "yes", so raw agreement is high for almost every pair).
 * - `piWeighted`, `kappaWeighted`: the same with linear agreement weights for the ordered
 *   categories, w(i, j) = 1 − |i − j| / 2 (yes–abstain counts half, yes–no nothing), the distance
 *   the S-score uses: Po = Σ w·pᵢⱼ, Pe = Σ w·mᵢ·nⱼ.
 *
 * Ranges: share 0…1; π, κ and the weighted forms −1…+1 (1 = perfect agreement, 0 = what chance
 * gives from the margins). All are symmetric in a and b.
 *
 * Edge cases, chosen and tested: no shared vote → share, π and κ all null. Expected agreement
 * Pe = 1 (both states cast only one and the same category on every shared vote, so the margins
 * alone explain the agreement) → π and κ (and the weighted forms) are null, `degenerate` true,
 * while `share` is 1: chance-corrected agreement is 0/0 there, and calling it 1 would credit a
 * pair for the Assembly's consensus rather than for its own choices.
 */
export interface VoteAgreement {
  a: string;
  b: string;
  year: number;
  /** roll calls both voted on */
  n: number;
  /** of those, roll calls where they voted the same */
  agreements: number;
  share: number | null;
  pi: number | null;
  kappa: number | null;
  piWeighted: number | null;
  kappaWeighted: number | null;
  /** true when Pe = 1 (π and κ undefined) */
  degenerate: boolean;
  table: VoteTable;
}

const emptyTable = (): VoteTable => [
  [0, 0, 0],
  [0, 0, 0],
  [0, 0, 0],
];

/** Agreement measures from a 3×3 table of counts (rows: a's votes, columns: b's). */
export function agreementOfTable(a: string, b: string, year: number, table: VoteTable): VoteAgreement {
  // the measures are symmetric in the two states, but floating-point sums in another order can
  // differ in the last bit, which rounding to four decimals then shows (0.15625 → 0.1562 one way,
  // 0.1563 the other): they are computed with the states in order, and the result turned round
  if (a > b) return { ...agreementOfTable(b, a, year, table[0]!.map((_, j) => table.map((row) => row[j]!))), a, b, table: table.map((row) => [...row]) };
  const K = VOTE_ORDER.length;
  let n = 0;
  let agreements = 0;
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) {
    n += table[i]![j]!;
    if (i === j) agreements += table[i]![j]!;
  }
  const base = { a, b, year, n, agreements, table: table.map((row) => [...row]) };
  if (n === 0) return { ...base, share: null, pi: null, kappa: null, piWeighted: null, kappaWeighted: null, degenerate: false };
  const p = (i: number, j: number) => table[i]![j]! / n;
  const rows = VOTE_ORDER.map((_, i) => VOTE_ORDER.reduce((t, __, j) => t + p(i, j), 0));
  const cols = VOTE_ORDER.map((_, j) => VOTE_ORDER.reduce((t, __, i) => t + p(i, j), 0));
  const pooled = rows.map((x, k) => (x + cols[k]!) / 2);
  const w = (i: number, j: number) => 1 - Math.abs(i - j) / (K - 1);
  let po = 0;
  let poW = 0;
  let peK = 0;
  let peP = 0;
  let peKW = 0;
  let pePW = 0;
  for (let i = 0; i < K; i++) {
    peK += rows[i]! * cols[i]!;
    peP += pooled[i]! ** 2;
    for (let j = 0; j < K; j++) {
      if (i === j) po += p(i, j);
      poW += w(i, j) * p(i, j);
      peKW += w(i, j) * rows[i]! * cols[j]!;
      pePW += w(i, j) * pooled[i]! * pooled[j]!;
    }
  }
  // Pe = 1 only when both margins sit on one and the same category; compare with a tolerance
  const EPS = 1e-12;
  const degenerate = peP >= 1 - EPS;
  const corr = (o: number, e: number) => (e >= 1 - EPS ? null : r4(Math.max(-1, Math.min(1, (o - e) / (1 - e)))));
  return { ...base, share: r4(agreements / n), pi: corr(po, peP), kappa: corr(po, peK), piWeighted: corr(poW, pePW), kappaWeighted: corr(poW, peKW), degenerate };
}

/**
 * UN voting agreement of `a` and `b` in `year` from an array of votes (any states, any years;
 * only that year's votes of the two count). Symmetric: swapping a and b transposes the table and
 * changes no measure.
 */
export function unAgreement(votes: readonly UnVote[], a: string, b: string, year: number): VoteAgreement {
  const ofA = new Map<number, UnVoteChoice>();
  const ofB = new Map<number, UnVoteChoice>();
  for (const v of votes) {
    if (v.year !== year) continue;
    if (v.state === a) ofA.set(v.rcid, v.vote);
    else if (v.state === b) ofB.set(v.rcid, v.vote);
  }
  const table = emptyTable();
  for (const [rcid, va] of ofA) {
    const vb = ofB.get(rcid);
    if (vb !== undefined) table[VOTE_INDEX[va]]![VOTE_INDEX[vb]]! += 1;
  }
  return agreementOfTable(a, b, year, table);
}

// ---------------------------------------------------------------------------------------------
// ATOP obligations

/** ATOP obligation kinds, strongest first, with their ordinal level. */
export const ATOP_LEVELS = { defense: 5, offense: 4, neutrality: 3, nonAggression: 2, consultation: 1 } as const;
export type AtopKind = keyof typeof ATOP_LEVELS;
const ATOP_KINDS = Object.keys(ATOP_LEVELS) as AtopKind[];

/**
 * ATOP obligation level of `from` toward `to` in `year` (directed: ATOP's directed dyad-year rows
 * give state 1's obligations toward state 2, and they can differ by direction). Ordinal: defense
 * (5) > offense (4) > neutrality (3) > non-aggression (2) > consultation (1) > none (0); the level
 * is the highest obligation in force, and `obligations` lists every one in force, strongest first.
 * Leeds, Ritter, Mitchell & Long (2002), "Alliance Treaty Obligations and Provisions, 1815–1944",
 * International Interactions 28: 237–60 (ATOP v5.1). No row means no alliance: level 0.
 */
export interface AllianceTie {
  from: string;
  to: string;
  year: number;
  level: 0 | 1 | 2 | 3 | 4 | 5;
  obligations: AtopKind[];
}

export function atopLevel(rows: readonly AtopObligation[], from: string, to: string, year: number): AllianceTie {
  const inForce = new Set<AtopKind>();
  for (const r of rows) if (r.year === year && r.from === from && r.to === to) for (const k of ATOP_KINDS) if (r[k]) inForce.add(k);
  const obligations = ATOP_KINDS.filter((k) => inForce.has(k));
  return { from, to, year, level: obligations.length ? ATOP_LEVELS[obligations[0]!] : 0, obligations };
}

// ---------------------------------------------------------------------------------------------
// Arms-supply dependence

/**
 * Arms-supply dependence of `recipient` on `supplier` (directed), from SIPRI Trend Indicator
 * Values: the supplier's TIV delivered to the recipient over the recipient's TIV imports from all
 * suppliers, over the `windowYears` years ending in `year` (deliveries are lumpy, so one year
 * says little). Range 0…1; `share` is null when the recipient imported nothing in the window.
 * SIPRI Arms Transfers Database (TIV is a volume index, not a price).
 */
export interface ArmsDependence {
  supplier: string;
  recipient: string;
  fromYear: number;
  toYear: number;
  /** TIV from the supplier to the recipient in the window */
  tiv: number;
  /** the recipient's TIV imports from all suppliers in the window */
  totalTiv: number;
  share: number | null;
}

export function armsDependence(transfers: readonly ArmsTransfer[], supplier: string, recipient: string, year: number, windowYears = 5): ArmsDependence {
  const fromYear = year - windowYears + 1;
  let tiv = 0;
  let totalTiv = 0;
  for (const t of transfers) {
    if (t.recipient !== recipient || t.year < fromYear || t.year > year) continue;
    totalTiv += t.tiv;
    if (t.supplier === supplier) tiv += t.tiv;
  }
  return { supplier, recipient, fromYear, toYear: year, tiv: r4(tiv), totalTiv: r4(totalTiv), share: totalTiv > 0 ? r4(tiv / totalTiv) : null };
}

// ---------------------------------------------------------------------------------------------
// Trade dependence

/**
 * Trade dependence of two states in one year (COW trade v4.0). Bilateral trade = a's imports from
 * b + b's imports from a; one null flow counts as missing for that direction only (the other
 * counts alone), both null (or no row) means no data. Each side's dependence = bilateral ÷ its
 * total trade (imports + exports, the same rule for a null half), capped at 1 (`capped`) since
 * COW's dyadic and national series are compiled apart and can disagree. The weaker link is the
 * lower of the two dependences (Oneal & Russett 1997, "The Classical Liberals Were Right",
 * International Studies Quarterly 41(2)): symmetric. `asymmetry` = depA − depB (−1…+1): it changes
 * sign when a and b are swapped.
 */
export interface TradeDependence {
  a: string;
  b: string;
  year: number;
  bilateral: number | null;
  totalA: number | null;
  totalB: number | null;
  depA: number | null;
  depB: number | null;
  weakerLink: number | null;
  asymmetry: number | null;
  capped: boolean;
}

const sumKnown = (xs: readonly (number | null)[]) => (xs.every((x) => x === null) ? null : xs.reduce<number>((t, x) => t + (x ?? 0), 0));

export function tradeDependence(dyads: readonly DyadTrade[], totals: readonly NationalTrade[], a: string, b: string, year: number): TradeDependence {
  let aFromB: number | null = null;
  let bFromA: number | null = null;
  for (const d of dyads) {
    if (d.year !== year) continue;
    if (d.a === a && d.b === b) {
      aFromB ??= d.aFromB;
      bFromA ??= d.bFromA;
    } else if (d.a === b && d.b === a) {
      aFromB ??= d.bFromA;
      bFromA ??= d.aFromB;
    }
  }
  const bilateral = sumKnown([aFromB, bFromA]);
  const totalOf = (s: string) => {
    const t = totals.find((x) => x.year === year && x.state === s);
    return t ? sumKnown([t.imports, t.exports]) : null;
  };
  const totalA = totalOf(a);
  const totalB = totalOf(b);
  let capped = false;
  const dep = (total: number | null) => {
    if (bilateral === null || total === null || total <= 0) return null;
    const d = bilateral / total;
    if (d > 1) capped = true;
    return r4(Math.min(1, d));
  };
  const depA = dep(totalA);
  const depB = dep(totalB);
  return {
    a,
    b,
    year,
    bilateral,
    totalA,
    totalB,
    depA,
    depB,
    weakerLink: depA !== null && depB !== null ? Math.min(depA, depB) : null,
    asymmetry: depA !== null && depB !== null ? r4(depA - depB) : null,
    capped,
  };
}

// ---------------------------------------------------------------------------------------------
// The structural index

/** The datasets, as a structural side cites them. */
export type StructuralDataset = "UNGA" | "ATOP" | "SIPRI" | "COW";

/** One component of the structural index, on its own scale, with what it rests on. */
export interface StructuralComponent {
  key: "un" | "alliance" | "arms" | "trade";
  /** UN: −10…+10 (the chosen measure × 10); the others 0…10 (ties only pull up) */
  value: number;
  /** the configured weight (before normalising over the components present) */
  weight: number;
  dataset: StructuralDataset;
  /** the years the figure rests on (one year, or the arms window) */
  years: [number, number];
  /** one phrase for a report, e.g. "UN votes agree 57/83 (π 0.41)" */
  detail: string;
}

/**
 * The structural index of a dyad in one year, −10…+10, symmetric in the pair:
 * Σ wᵢ·cᵢ / Σ wᵢ over the components present, where
 * - UN: the configured measure (Scott's π by default) × 10, −10…+10, present when the two
 *   shared at least `un.minVotes` roll calls;
 * - alliance: the mean of the two directed ATOP levels × 2, 0…10 (no alliance row: 0);
 * - arms: the larger of the two directed arms dependences × 10, 0…10 (the more dependent side's
 *   tie), present when either side imported arms in the window;
 * - trade: min(1, weaker link / `trade.saturation`) × 10, 0…10.
 * A dataset's latest year at or before the asked year stands in for it, up to `maxLagYears`
 * older. Null when no component is present. Never mixed into the event index.
 */
export interface StructuralIndex {
  pair: [string, string];
  year: number;
  score: number | null;
  components: StructuralComponent[];
  /** the measures themselves, for the report */
  un: VoteAgreement | null;
  alliance: { ab: AllianceTie; ba: AllianceTie } | null;
  arms: { ab: ArmsDependence; ba: ArmsDependence; earlierAb: ArmsDependence; earlierBa: ArmsDependence } | null;
  trade: TradeDependence | null;
}

/** Combine components into the index (weights normalised over those present). */
export function combineComponents(components: readonly StructuralComponent[]): number | null {
  const w = components.reduce((t, c) => t + c.weight, 0);
  if (w <= 0) return null;
  return Math.round((components.reduce((t, c) => t + c.weight * c.value, 0) / w) * 100) / 100 + 0;
}

/** The prior arrays, indexed once for many lookups (group by year and state; no copies of rows). */
export interface PriorIndex {
  votesByYear: Map<number, UnVote[]>;
  atopByKey: Map<string, AtopObligation[]>;
  atopYears: Set<number>;
  armsByRecipient: Map<string, ArmsTransfer[]>;
  armsYears: [number, number] | null;
  /** rows by `year|a|b` with a < b (either orientation of the record) */
  tradeByKey: Map<string, DyadTrade[]>;
  tradeYears: Set<number>;
  totalsByKey: Map<string, NationalTrade[]>;
}

export interface PriorData {
  votes?: readonly UnVote[];
  atop?: readonly AtopObligation[];
  arms?: readonly ArmsTransfer[];
  trade?: readonly DyadTrade[];
  totals?: readonly NationalTrade[];
  /**
   * Years each dataset covers when the arrays hold only some pairs' rows (read for one pair from a
   * store): a covered year with no row for a pair then means no alliance or no deliveries.
   */
  covered?: { atop?: readonly [number, number]; arms?: readonly [number, number] };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const g = m.get(k);
  if (g) g.push(v);
  else m.set(k, [v]);
}

/**
 * Index the prior arrays. A dataset covers a year when it has any row in that year, or when
 * `covered` says so (ATOP has no rows for dyads without an alliance, so a covered year with no
 * row for a pair means level 0).
 */
export function indexPriors(d: PriorData): PriorIndex {
  const idx: PriorIndex = { votesByYear: new Map(), atopByKey: new Map(), atopYears: new Set(), armsByRecipient: new Map(), armsYears: null, tradeByKey: new Map(), tradeYears: new Set(), totalsByKey: new Map() };
  for (const v of d.votes ?? []) push(idx.votesByYear, v.year, v);
  for (const o of d.atop ?? []) {
    push(idx.atopByKey, `${o.year}|${o.from}|${o.to}`, o);
    idx.atopYears.add(o.year);
  }
  for (const t of d.arms ?? []) {
    push(idx.armsByRecipient, t.recipient, t);
    idx.armsYears = idx.armsYears ? [Math.min(idx.armsYears[0], t.year), Math.max(idx.armsYears[1], t.year)] : [t.year, t.year];
  }
  for (const t of d.trade ?? []) {
    push(idx.tradeByKey, t.a < t.b ? `${t.year}|${t.a}|${t.b}` : `${t.year}|${t.b}|${t.a}`, t);
    idx.tradeYears.add(t.year);
  }
  for (const t of d.totals ?? []) push(idx.totalsByKey, `${t.year}|${t.state}`, t);
  const atop = d.covered?.atop;
  if (atop) for (let y = atop[0]; y <= atop[1]; y++) idx.atopYears.add(y);
  const arms = d.covered?.arms;
  if (arms) idx.armsYears = idx.armsYears ? [Math.min(idx.armsYears[0], arms[0]), Math.max(idx.armsYears[1], arms[1])] : [arms[0], arms[1]];
  return idx;
}

/** The latest covered year at or before `year`, within `maxLag` years. */
function latestYear(has: (y: number) => boolean, year: number, maxLag: number): number | null {
  for (let y = year; y >= year - maxLag; y--) if (has(y)) return y;
  return null;
}

const OBLIGATION_WORDS: Record<AtopKind, string> = { defense: "defence", offense: "offence", neutrality: "neutrality", nonAggression: "non-aggression", consultation: "consultation" };
const fmt = (x: number, d = 2) => x.toFixed(d);
const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;

function unMeasure(u: VoteAgreement, m: StructuralConfig["un"]["measure"]): number | null {
  return m === "share" ? u.share : u[m];
}
const MEASURE_SYMBOL: Record<StructuralConfig["un"]["measure"], string> = { pi: "π", kappa: "κ", piWeighted: "weighted π", kappaWeighted: "weighted κ", share: "share" };

/** The structural index of a and b in `year` (see `StructuralIndex`). */
export function structuralFor(idx: PriorIndex, a: string, b: string, year: number, cfg: StructuralConfig): StructuralIndex {
  const uy = latestYear((y) => idx.votesByYear.has(y), year, cfg.maxLagYears);
  return structuralOf(idx, a, b, year, cfg, uy === null ? null : unAgreement(idx.votesByYear.get(uy)!, a, b, uy));
}

/** The index with the pair's UN agreement already worked out (by `unAgreementTable` for a whole year). */
function structuralOf(idx: PriorIndex, a0: string, b0: string, year: number, cfg: StructuralConfig, un: VoteAgreement | null): StructuralIndex {
  const [a, b] = a0 < b0 ? [a0, b0] : [b0, a0];
  const components: StructuralComponent[] = [];
  const lag = cfg.maxLagYears;

  if (un !== null) {
    const uy = un.year;
    const v = unMeasure(un, cfg.un.measure);
    if (un.n >= cfg.un.minVotes && v !== null) {
      components.push({ key: "un", value: r4(v * 10), weight: cfg.weights.un, dataset: "UNGA", years: [uy, uy], detail: `UN votes agree ${un.agreements}/${un.n} (${MEASURE_SYMBOL[cfg.un.measure]} ${fmt(v)}, UNGA ${uy})` });
    }
  }

  let alliance: StructuralIndex["alliance"] = null;
  const ay = latestYear((y) => idx.atopYears.has(y), year, lag);
  if (ay !== null) {
    const ab = atopLevel(idx.atopByKey.get(`${ay}|${a}|${b}`) ?? [], a, b, ay);
    const ba = atopLevel(idx.atopByKey.get(`${ay}|${b}|${a}`) ?? [], b, a, ay);
    alliance = { ab, ba };
    const kinds = ATOP_KINDS.filter((k) => ab.obligations.includes(k) || ba.obligations.includes(k));
    const words = kinds.map((k) => OBLIGATION_WORDS[k]);
    const detail = !kinds.length
      ? `no alliance (ATOP ${ay})`
      : kinds.includes("defense")
        ? `a defence pledge (ATOP ${ay}: ${words.join(", ")}${ab.level !== ba.level ? `; ${a} ${ab.level}, ${b} ${ba.level}` : ""})`
        : `no defence pledge (ATOP ${ay}: ${words.length === 1 ? `${words[0]} only` : words.join(", ")})`;
    components.push({ key: "alliance", value: r4(ab.level + ba.level), weight: cfg.weights.alliance, dataset: "ATOP", years: [ay, ay], detail });
  }

  let arms: StructuralIndex["arms"] = null;
  if (idx.armsYears && year >= idx.armsYears[0] && year - lag <= idx.armsYears[1]) {
    const end = Math.min(year, idx.armsYears[1]);
    const w = cfg.arms.windowYears;
    const dep = (s: string, r: string, y: number) => armsDependence(idx.armsByRecipient.get(r) ?? [], s, r, y, w);
    const ab = dep(a, b, end);
    const ba = dep(b, a, end);
    const earlierAb = dep(a, b, end - cfg.arms.trendLagYears);
    const earlierBa = dep(b, a, end - cfg.arms.trendLagYears);
    arms = { ab, ba, earlierAb, earlierBa };
    if (ab.share !== null || ba.share !== null) {
      // the more dependent side's tie; its trend against the earlier window
      const [cur, old] = (ab.share ?? -1) >= (ba.share ?? -1) ? [ab, earlierAb] : [ba, earlierBa];
      const share = cur.share ?? 0;
      const change = old.share === null ? null : share - old.share;
      const trend = change === null ? "" : change >= cfg.arms.trendChange ? "rising " : change <= -cfg.arms.trendChange ? "falling " : "steady ";
      const span = (d: ArmsDependence) => `${d.fromYear}–${d.toYear}`;
      const detail = `${trend}arms dependence of ${cur.recipient} on ${cur.supplier} (SIPRI TIV share ${old.share !== null ? `${span(old)} ${pct(old.share)} → ` : ""}${span(cur)} ${pct(share)})`;
      components.push({ key: "arms", value: r4(share * 10), weight: cfg.weights.arms, dataset: "SIPRI", years: [cur.fromYear, cur.toYear], detail });
    }
  }

  let trade: TradeDependence | null = null;
  const ty = latestYear((y) => idx.tradeYears.has(y), year, lag);
  if (ty !== null) {
    const totals = [...(idx.totalsByKey.get(`${ty}|${a}`) ?? []), ...(idx.totalsByKey.get(`${ty}|${b}`) ?? [])];
    trade = tradeDependence(idx.tradeByKey.get(`${ty}|${a}|${b}`) ?? [], totals, a, b, ty);
    if (trade.weakerLink !== null) {
      const value = r4(Math.min(1, trade.weakerLink / cfg.trade.saturation) * 10);
      components.push({ key: "trade", value, weight: cfg.weights.trade, dataset: "COW", years: [ty, ty], detail: `trade dependence ${a} ${pct(trade.depA!)}, ${b} ${pct(trade.depB!)} (COW ${ty})` });
    }
  }

  return { pair: [a, b], year, score: combineComponents(components), components, un, alliance, arms, trade };
}

/**
 * The structural table for one year: every pair of the given states (default: every state with a
 * UN vote that year), a < b. Votes are grouped by roll call once into one vote vector per state,
 * so the UN part costs O(states² × roll calls); the other measures read the index.
 */
export function structuralTable(idx: PriorIndex, year: number, cfg: StructuralConfig, states?: readonly string[]): StructuralIndex[] {
  const uy = latestYear((y) => idx.votesByYear.has(y), year, cfg.maxLagYears);
  const yearVotes = uy === null ? [] : idx.votesByYear.get(uy)!;
  const agreements = new Map(unAgreementTable(yearVotes, uy ?? year).map((u) => [`${u.a}|${u.b}`, u]));
  const list = [...new Set(states ?? yearVotes.map((v) => v.state))].sort();
  const out: StructuralIndex[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [a, b] = [list[i]!, list[j]!];
      const un = uy === null ? null : (agreements.get(`${a}|${b}`) ?? agreementOfTable(a, b, uy, emptyTable()));
      out.push(structuralOf(idx, a, b, year, cfg, un));
    }
  }
  return out;
}

/**
 * The UN agreement of every pair of states voting in one year, from vote vectors built once per
 * roll call: each state's votes as an Int8Array over the year's roll calls (−1 = no vote).
 * O(states² × roll calls); ~190 states × ~100 roll calls is about 2 million steps.
 */
export function unAgreementTable(votes: readonly UnVote[], year: number): VoteAgreement[] {
  const rcids = [...new Set(votes.filter((v) => v.year === year).map((v) => v.rcid))].sort((x, y) => x - y);
  const col = new Map(rcids.map((r, i) => [r, i]));
  const vectors = new Map<string, Int8Array>();
  for (const v of votes) {
    if (v.year !== year) continue;
    let vec = vectors.get(v.state);
    if (!vec) vectors.set(v.state, (vec = new Int8Array(rcids.length).fill(-1)));
    vec[col.get(v.rcid)!] = VOTE_INDEX[v.vote];
  }
  const states = [...vectors.keys()].sort();
  const out: VoteAgreement[] = [];
  for (let i = 0; i < states.length; i++) {
    const va = vectors.get(states[i]!)!;
    for (let j = i + 1; j < states.length; j++) {
      const vb = vectors.get(states[j]!)!;
      const table = emptyTable();
      for (let k = 0; k < va.length; k++) if (va[k]! >= 0 && vb[k]! >= 0) table[va[k]!]![vb[k]!]! += 1;
      out.push(agreementOfTable(states[i]!, states[j]!, year, table));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Divergence

/** The event side of a comparison: the dyad's event score (−10…+10, `DyadFigures`) and what it rests on. */
export interface EventSide {
  pair: [string, string];
  /** the window the score covers (e.g. "2019" or "" for all time) */
  window: string;
  score: number;
  clusters: number;
  /** "docId#eventId" of the clusters' reports, as fragility signals cite them */
  refs: string[];
}

/**
 * The event side from the dyad index: the pair's figures for a window and its clusters; the refs
 * are each cluster's first report, the clusters that move the score most first.
 */
export function eventSide(fig: DyadFigures, clusters: readonly Cluster[]): EventSide {
  const refs = [...clusters].sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution) || x.id.localeCompare(y.id)).flatMap((c) => c.refs.slice(0, 1));
  return { pair: fig.pair, window: fig.window, score: fig.score, clusters: fig.clusters, refs };
}

/** A divergence of event index and structural index: a fragility signal (assess.ts's `Signal`) citing both sides. */
export interface DivergenceSignal {
  kind: "structural-divergence";
  summary: string;
  /** event score − structural index */
  gap: number;
  refs: string[];
  /** the structural side: dataset and years of every component */
  structural: { dataset: StructuralDataset; years: [number, number]; detail: string }[];
}

/**
 * Compare the event score with the structural index for the same pair and period. A gap
 * |event − structural| at or above `divergence.threshold`, with at least `divergence.minClusters`
 * clusters behind the event score, becomes a signal; otherwise null. Warm words over thin ties
 * (event above structure) are what makes a relationship fragile; the reverse (hostile words over
 * strong ties) is reported too, worded as such.
 */
export function structuralDivergence(ev: EventSide, st: StructuralIndex, cfg: StructuralConfig): DivergenceSignal | null {
  if (st.score === null || ev.clusters < cfg.divergence.minClusters) return null;
  const gap = Math.round((ev.score - st.score) * 100) / 100;
  if (Math.abs(gap) < cfg.divergence.threshold) return null;
  const sign = ev.score >= 0 ? "+" : "";
  const words = ev.score >= 1 ? "warm rhetoric" : ev.score <= -1 ? "hostile rhetoric" : "lukewarm rhetoric";
  const event = `${words} (${sign}${ev.score.toFixed(1)} from ${ev.clusters} clusters${ev.window ? `, ${ev.window}` : ""})`;
  const parts = st.components.map((c) => c.detail);
  const ties = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0]!;
  const index = `(index ${st.score >= 0 ? "+" : ""}${st.score.toFixed(1)})`;
  const link = gap > 0 ? (ev.score >= 1 ? `with thinner structural ties ${index}` : `above what the structural ties suggest ${index}`) : ev.score <= -1 ? `despite stronger structural ties ${index}` : `below what the structural ties suggest ${index}`;
  const summary = `${event} ${link}: ${ties}`;
  return { kind: "structural-divergence", summary, gap, refs: ev.refs, structural: st.components.map((c) => ({ dataset: c.dataset, years: c.years, detail: c.detail })) };
}
