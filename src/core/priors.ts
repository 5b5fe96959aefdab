/**
 * Structural priors: slow ties between states read from the field's open datasets (UN General
 * Assembly votes, ATOP alliance obligations, SIPRI arms transfers, COW trade), with every
 * state already mapped to ISO 3166-1 alpha-3 through our crosswalk. Importers (src/interop)
 * make these records; stores keep them; the measures (src/analysis) read them.
 */

export type PriorKind = "unvotes" | "atop" | "sipri" | "cow-trade" | "cow-trade-totals";
export const PRIOR_KINDS: readonly PriorKind[] = ["unvotes", "atop", "sipri", "cow-trade", "cow-trade-totals"];

export type UnVoteChoice = "yes" | "abstain" | "no";

/** One state's vote on one UN General Assembly roll call (absent or not a member: no record). */
export interface UnVote {
  rcid: number;
  /** calendar year of the roll call's date */
  year: number;
  state: string;
  vote: UnVoteChoice;
}

/** ATOP obligations of `from` toward `to` in force in `year` (directed; absent rows: none). */
export interface AtopObligation {
  year: number;
  from: string;
  to: string;
  defense: boolean;
  offense: boolean;
  neutrality: boolean;
  nonAggression: boolean;
  consultation: boolean;
}

/** SIPRI deliveries from one state to another in one year, in TIV (millions; 0 means < 0.5). */
export interface ArmsTransfer {
  year: number;
  supplier: string;
  recipient: string;
  tiv: number;
}

/** COW dyadic trade in one year, current million USD; `aFromB` = imports of `a` from `b`. */
export interface DyadTrade {
  year: number;
  a: string;
  b: string;
  aFromB: number | null;
  bFromA: number | null;
}

/** COW national trade totals of one state in one year, current million USD. */
export interface NationalTrade {
  year: number;
  state: string;
  imports: number | null;
  exports: number | null;
}

/** Where a prior record came from, for citing it: dataset, file and 1-based row. */
export interface PriorSource {
  kind: PriorKind;
  file: string;
  row: number;
}

/** The record type of each prior dataset. */
export interface PriorRecordOf {
  unvotes: UnVote;
  atop: AtopObligation;
  sipri: ArmsTransfer;
  "cow-trade": DyadTrade;
  "cow-trade-totals": NationalTrade;
}

/** A prior record with the 1-based row of the file it came from (the file is its dataset's, see {@link PriorDataset}). */
export type PriorRow<K extends PriorKind> = PriorRecordOf[K] & { row: number };

/** What a store holds of one prior dataset: the file it was imported from, its rows and years. */
export interface PriorDataset {
  kind: PriorKind;
  file: string;
  rows: number;
  /** first and last year with a row; null when the dataset is empty */
  from: number | null;
  to: number | null;
}

/** A year range for reading priors (inclusive; open when absent). */
export interface PriorYears {
  from?: number;
  to?: number;
}

/** A recipient's total arms imports (TIV, all suppliers) in one year: the denominator of arms dependence. */
export interface ArmsImports {
  year: number;
  recipient: string;
  tiv: number;
}
