/**
 * The one store interface. SQLite (embedded default) and PostgreSQL implement it; one contract
 * test suite runs against both. Methods are async so that both fit.
 */
import type { DocSource } from "../core/doc.js";
import type { Cluster, DyadQuery, DyadReport, DyadSums } from "../core/dyad.js";
import type { Correction, CorrectionInput } from "../core/correction.js";
import type { EntenteOutput, OutActor, OutEvent } from "../core/output.js";
import type { Dataset, ImportedEvent, ImportedFilter, ImportSource } from "../core/imported.js";
import type { PackedImported, PackedReport } from "../core/imported-pack.js";
import type { ArmsImports, PriorDataset, PriorKind, PriorRow, PriorYears } from "../core/priors.js";

/** A stored document without its text. */
export interface StoredDocument {
  id: string;
  title: string | null;
  author: string | null;
  outlet: string | null;
  published: string | null;
  source: DocSource;
  contentType: string;
  chars: number;
}

export interface SearchHit extends StoredDocument {
  /** a few words around the match, with the match in «» */
  snippet: string;
  rank: number;
}

export interface StoreCounts {
  documents: number;
  actors: number;
  mentions: number;
  events: number;
}

/** A stored event with the document it came from. */
export interface StoredEvent extends OutEvent {
  docId: string;
}

/** A stored event with its document's metadata, for citing it. */
export interface CitedEvent extends StoredEvent {
  title: string | null;
  outlet: string | null;
  published: string | null;
}

export interface EventFilter {
  docId?: string;
  actor?: string;
  limit?: number;
}

export interface EventStore {
  /** what the store is, for messages: a file path or a server address */
  readonly location: string;
  /** whether a document with this content hash is stored */
  hasDocument(id: string): Promise<boolean>;
  /**
   * Stores one analysed document with its actors, mentions, events and diagnostics, all in one
   * transaction. Returns `false` (and changes nothing) when the document is already stored.
   */
  putAnalysis(out: EntenteOutput, reports?: readonly DyadReport[]): Promise<boolean>;
  /** the stored analysis of a document, as it was put */
  getAnalysis(id: string): Promise<EntenteOutput | null>;
  listDocuments(opts?: { limit?: number; offset?: number }): Promise<StoredDocument[]>;
  /** full-text search over titles and texts */
  search(query: string, opts?: { limit?: number }): Promise<SearchHit[]>;
  actors(): Promise<OutActor[]>;
  events(filter?: EventFilter): Promise<StoredEvent[]>;
  counts(): Promise<StoreCounts>;
  /** stores a reviewer's correction; returns it with its sequence number */
  putCorrection(c: CorrectionInput): Promise<Correction>;
  /** corrections in the order they were made: those naming a document (and every actor merge), or all */
  corrections(docId?: string): Promise<Correction[]>;
  /** replaces one document's reports (after a correction), marking old and new pairs dirty */
  replaceReports(docId: string, reports: readonly DyadReport[]): Promise<void>;
  /** a setting the derived tables were built with, or null */
  setting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /** stores reports of documents already stored (rebuilding the index); reports already there are kept */
  putReports(reports: readonly DyadReport[]): Promise<void>;
  /** every stored report between two states, in either direction */
  pairReports(a: string, b: string): Promise<DyadReport[]>;
  /** every unordered pair with reports, as [a, b] with a < b */
  reportPairs(): Promise<[string, string][]>;
  /** pairs whose reports changed since they were last clustered, as [a, b] with a < b */
  dirtyPairs(): Promise<[string, string][]>;
  /** replaces the clusters of an unordered pair and marks it clean, in one transaction */
  replaceClusters(a: string, b: string, clusters: readonly Cluster[]): Promise<void>;
  /** clusters matching a query (pair or actor, day range), in day order */
  clusters(q?: DyadQuery & { limit?: number }): Promise<Cluster[]>;
  /** cluster sums by pair (a < b), window (when `by` is given), direction and arena */
  dyadSums(q?: DyadQuery): Promise<DyadSums[]>;
  /** events by "docId#eventId" references, with their document's metadata */
  citedEvents(refs: readonly string[]): Promise<CitedEvent[]>;
  /**
   * Stores a batch of events imported from a dataset file, in one transaction: the file's
   * document row (once), each event not yet stored (the same dataset and key is stored once, so
   * a re-import adds nothing), and the dyad reports of the events added now (reports whose
   * `eventId` is `dataset:key` of an event that was already stored are dropped).
   */
  putImported(source: ImportSource, events: readonly ImportedEvent[], reports?: readonly DyadReport[]): Promise<{ added: number; existing: number; reports: number }>;
  /**
   * `putImported` in the compact form importers write (src/core/imported-pack.ts): the same
   * effect as `putImported(source, events.map(unpackImported), reports.map(unpackReport))`.
   */
  putImportedBatch(source: ImportSource, events: readonly PackedImported[], reports: readonly PackedReport[]): Promise<{ added: number; existing: number; reports: number }>;
  /** imported events, in dataset and key order (numeric keys in numeric order) */
  importedEvents(filter?: ImportedFilter): Promise<ImportedEvent[]>;
  /**
   * Every imported event, in pages of `size`, in dataset and key order (keys compared as text,
   * the order of the stored key, so each page is a seek rather than a sort of all the rows: an
   * export of a million events reads each once).
   */
  importedPages(size?: number): AsyncGenerator<ImportedEvent[]>;
  /** imported events per dataset */
  importedCounts(): Promise<Partial<Record<Dataset, number>>>;
  /**
   * Replaces one prior dataset wholesale, in one transaction: every stored row of `kind` is
   * deleted and the batches' rows stored, so a re-import replaces and never duplicates. A row
   * whose key (e.g. year, from, to) is already among the new rows is not stored (counted in
   * `duplicates`). Nothing is stored when a batch throws.
   */
  putPriors<K extends PriorKind>(kind: K, file: string, batches: AsyncIterable<readonly PriorRow<K>[]> | Iterable<readonly PriorRow<K>[]>): Promise<{ stored: number; replaced: number; duplicates: number }>;
  /** the prior datasets stored, in kind order */
  priorDatasets(): Promise<PriorDataset[]>;
  /** UN votes of these states (all states when absent) in the years, by year, state and roll call: one year with no states gives the whole year's table */
  unVotes(q: PriorYears & { states?: readonly string[] }): Promise<PriorRow<"unvotes">[]>;
  /** ATOP obligations of a pair (both directions), or of all pairs, in the years, by year, from, to */
  atopObligations(q: PriorYears & { pair?: readonly [string, string] }): Promise<PriorRow<"atop">[]>;
  /** SIPRI deliveries by supplier and/or recipient in the years, by year, supplier, recipient */
  armsTransfers(q: PriorYears & { supplier?: string; recipient?: string }): Promise<PriorRow<"sipri">[]>;
  /** each recipient's total SIPRI imports per year (these recipients, or all), by year and recipient */
  armsImports(q: PriorYears & { recipients?: readonly string[] }): Promise<ArmsImports[]>;
  /** COW dyadic trade of a pair (stored with a < b), or of all pairs, in the years, by year, a, b */
  dyadTrade(q: PriorYears & { pair?: readonly [string, string] }): Promise<PriorRow<"cow-trade">[]>;
  /** COW national trade totals of these states (all when absent) in the years, by year and state */
  nationalTrade(q: PriorYears & { states?: readonly string[] }): Promise<PriorRow<"cow-trade-totals">[]>;
  close(): Promise<void>;
}
