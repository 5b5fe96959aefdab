/**
 * The shapes the dashboard reads from the HTTP API. They mirror the server's own types
 * (src/core/output.ts, src/store/contract.ts, src/analysis/*.ts), copied here because the
 * dashboard only ever talks to the server over HTTP.
 */

export type Arena = "political" | "economic" | "military" | "security";
export const ARENAS: readonly Arena[] = ["political", "economic", "military", "security"];

export type Modality = "asserted" | "reported" | "expected" | "desired" | "hypothetical";
export const MODALITIES: readonly Modality[] = ["asserted", "reported", "expected", "desired", "hypothetical"];

export type Polarity = "cooperation" | "conflict";
export const POLARITIES: readonly Polarity[] = ["cooperation", "conflict"];

export type Window = "month" | "quarter" | "year";

/** The PLOVER event types a reviewer may pick from. */
export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "CONCEDE", "RETREAT", "REQUEST", "DEMAND", "ACCUSE",
  "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "DISTRUST", "ALIGN",
] as const;

export interface Span {
  start: number;
  end: number;
}

export interface Health {
  ok: boolean;
  store: string;
  documents: number;
  actors: number;
  mentions: number;
  events: number;
}

export interface StoredDocument {
  id: string;
  title: string | null;
  author: string | null;
  outlet: string | null;
  published: string | null;
  source: { path?: string; url?: string } | null;
  contentType: string;
  chars: number;
}

export interface SearchHit extends StoredDocument {
  /** a few words around the match, with the match in «» */
  snippet: string;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface OutActor {
  id: string;
  name: string;
  type: string;
  country: string | null;
  leaning: string | null;
  mentions: Span[];
}

export interface OutEvent {
  id: string;
  type: string;
  polarity: Polarity;
  intensity: number;
  arena: Arena[];
  source: string[];
  target: string[];
  modality: Modality;
  negated?: boolean;
  attributedTo: string | null;
  date: { from: string; to: string; text: string } | null;
  evidence: Span & { text: string };
  trigger?: Span & { text: string };
  confidence: number;
  rule: string;
  fragility?: boolean;
  hedging?: boolean;
  /** set when a reviewer's correction changed the event */
  corrected?: boolean;
}

export interface StoredEvent extends OutEvent {
  docId: string;
}

export interface Diagnostic {
  code: string;
  message: string;
  start?: number;
  end?: number;
}

/** One document's `entente/1` analysis. */
export interface Analysis {
  format: string;
  document: {
    id: string;
    title: string | null;
    author: string | null;
    outlet: string | null;
    published: string | null;
    source: { path?: string; url?: string } | null;
    contentType: string;
    text: string;
  };
  actors: OutActor[];
  events: OutEvent[];
  diagnostics: Diagnostic[];
}

export interface AddResult {
  documents: { id: string; added: boolean; title: string | null; events: number; actors: number }[];
}

/** A pair's figures over a range or one window. */
export interface DyadFigures {
  pair: [string, string];
  window: string;
  score: number;
  directed: { ab: number; ba: number };
  asymmetry: number;
  arenas: Partial<Record<Arena, number>>;
  clusters: number;
  cooperation: number;
  conflict: number;
  polarity: Polarity | "mixed";
}

export interface Trend {
  slope: number;
  stderr: number | null;
  windows: number;
  direction: "rising" | "falling" | "flat" | "unknown";
}

export interface DyadSeries {
  pair: [string, string];
  by: Window;
  points: DyadFigures[];
  trend: Record<Arena | "all", Trend>;
}

export interface NetworkNode {
  id: string;
  degree: number;
  strength: number;
  positive: number;
  negative: number;
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
  against: string[];
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  triads: Triad[];
}

/** An event quoted as evidence, with who says so. */
export interface Evidence {
  /** "docId#eventId" */
  ref: string;
  type: string;
  polarity: Polarity;
  arena: Arena[];
  modality: Modality;
  date: string | null;
  text: string;
  outlet: string | null;
  leaning: string | null;
  attributedTo: string | null;
  speakerLeaning?: string | null;
  title: string | null;
}

export interface Signal {
  kind: string;
  summary: string;
  side?: string;
  toward?: string;
  refs: string[];
  evidence: Evidence[];
}

export interface Assessment {
  pair: [string, string];
  names: Record<string, string>;
  verdict: string;
  overall: DyadFigures | null;
  series: DyadSeries;
  supporting: Evidence[];
  fragility: Signal[];
  hedging: Signal[];
  triads: Triad[];
  claimed: Evidence[];
  /** present when the store holds structural priors */
  structural?: StructuralPanel;
}

/** The structural side of a brief (src/analysis/structural.ts), the fields the dashboard shows. */
export interface StructuralIndex {
  pair: [string, string];
  year: number;
  score: number | null;
  un: { n: number; agreements: number; pi: number | null } | null;
  alliance: { ab: { level: number }; ba: { level: number } } | null;
  arms: { ab: { share: number | null }; ba: { share: number | null } } | null;
  trade: { weakerLink: number | null } | null;
}

export interface StructuralPanel {
  years: StructuralIndex[];
  divergence: { summary: string } | null;
}

export type CorrectionInput =
  | {
      action: "edit";
      docId: string;
      eventId: string;
      changes: Partial<{ type: string; polarity: Polarity; modality: Modality; source: string[]; target: string[]; attributedTo: string | null }>;
    }
  | { action: "reject"; docId: string; eventId: string }
  | { action: "merge-actors"; from: string; into: string };

export type Correction = CorrectionInput & { id: number };
