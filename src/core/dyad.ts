/**
 * Records the dyad index is built from, shared by the analysis tier (which makes them) and the
 * stores (which keep and aggregate them).
 *
 * A *report* is one event of one document between two states (officials, governments and
 * militaries rolled up to their state). Reports of the same happening from several documents
 * form a *cluster*; scores count clusters, weighted by their independent sources.
 */
import type { Arena, Modality, Polarity } from "./output.js";

/** Arena flags as bits, so a cluster's arenas fit one integer column. */
export const ARENA_BIT: Readonly<Record<Arena, number>> = { political: 1, economic: 2, military: 4, security: 8 };

export function arenaBits(arenas: readonly Arena[]): number {
  let b = 0;
  for (const a of arenas) b |= ARENA_BIT[a];
  return b;
}

export function arenasOf(bits: number): Arena[] {
  return (Object.keys(ARENA_BIT) as Arena[]).filter((a) => (bits & ARENA_BIT[a]) !== 0);
}

/** One event report between two states. For a mutual event `a` < `b` and `mutual` is true. */
export interface DyadReport {
  docId: string;
  eventId: string;
  a: string;
  b: string;
  mutual: boolean;
  type: string;
  polarity: Polarity;
  intensity: number;
  modality: Modality;
  confidence: number;
  /** ARENA_BIT flags */
  arenas: number;
  /** the event's day (YYYY-MM-DD): its own date, else the document's; null when neither is known */
  day: string | null;
  /** who published it, as an independence key: the outlet's owner, else the outlet, else the document */
  sourceKey: string;
  /** the publishing outlet's country, when known */
  sourceCountry: string | null;
  /** the claim's attributed speaker's country (an outlet or official quoted), when known */
  claimCountry: string | null;
  /** a hash of the evidence sentence, whitespace and case folded: a republished wire copy has the same */
  textKey: string;
  fragility: boolean;
  hedging: boolean;
}

/** Reports of one happening. Its key: pair and direction, type, polarity, days within a window. */
export interface Cluster {
  id: string;
  a: string;
  b: string;
  mutual: boolean;
  type: string;
  polarity: Polarity;
  /** first day of the reports (YYYY-MM-DD), or null */
  day: string | null;
  /** YYYY-MM of `day`, or null */
  month: string | null;
  arenas: number;
  /** intensity of its most intense report */
  intensity: number;
  /** the most certain modality among the reports */
  modality: Modality;
  confidence: number;
  reports: number;
  /** independent sources (owners and wire copies counted once) */
  sources: number;
  /** weight × intensity, the cluster's contribution to a dyad's raw sum */
  contribution: number;
  weight: number;
  fragility: boolean;
  hedging: boolean;
  /** every report's country of source, when all are one side's (for one-sided-claim signals) */
  onlySourceCountry: string | null;
  /** "docId#eventId" of every report, in day order */
  refs: string[];
}

/** Sums over clusters, as a store aggregates them for one window or one pair. */
export interface DyadSums {
  a: string;
  b: string;
  /** window label (YYYY-MM, YYYY-Qn, YYYY) or "" for the whole range */
  window: string;
  /** "ab" (a→b), "ba" (b→a) or "mutual" */
  direction: "ab" | "ba" | "mutual";
  arena: Arena | "all";
  sum: number;
  weight: number;
  clusters: number;
  conflict: number;
  cooperation: number;
}

export type Window = "month" | "quarter" | "year";

export interface DyadQuery {
  /** restrict to pairs with this state */
  actor?: string;
  /** restrict to this unordered pair */
  pair?: readonly [string, string];
  since?: string;
  until?: string;
  by?: Window;
}
