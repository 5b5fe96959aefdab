/**
 * `entente/1`: the JSON that `entente analyze` prints and everything else reads
 * (see docs/FORMAT.md). Field names are fixed; more fields may be added.
 */
import type { Diagnostic, DocSource } from "./doc.js";

export type ActorType =
  | "state"
  | "government"
  | "official"
  | "military"
  | "igo"
  | "agreement"
  | "mechanism"
  | "media"
  | "organization"
  | "group"
  | "person"
  | "region";

export type Arena = "political" | "economic" | "military" | "security";
export const ARENAS: readonly Arena[] = ["political", "economic", "military", "security"];

export type Modality = "asserted" | "reported" | "expected" | "desired" | "hypothetical";
export const MODALITIES: readonly Modality[] = ["asserted", "reported", "expected", "desired", "hypothetical"];

export type Polarity = "cooperation" | "conflict";

export interface OutSpan {
  start: number;
  end: number;
}

export interface OutActor {
  id: string;
  name: string;
  type: ActorType;
  country: string | null;
  code: string | null;
  role: string | null;
  leaning: string | null;
  aliases: string[];
  mentions: OutSpan[];
}

export interface OutDate {
  from: string;
  to: string;
  text: string;
}

export interface OutEvent {
  id: string;
  type: string;
  mode: string | null;
  cameo: string | null;
  polarity: Polarity;
  intensity: number;
  arena: Arena[];
  source: string[];
  target: string[];
  mutual: boolean;
  modality: Modality;
  negated: boolean;
  attributedTo: string | null;
  date: OutDate | null;
  location: { name: string } | null;
  evidence: OutSpan & { text: string };
  /** the word or phrase that triggered the rule */
  trigger?: OutSpan & { text: string };
  confidence: number;
  rule: string;
  fragility?: boolean;
  hedging?: boolean;
}

export interface OutDyad {
  pair: [string, string];
  score: number;
  polarity: Polarity | "mixed";
  arenas: Partial<Record<Arena, number>>;
  fragility: string[];
  hedging: string[];
  events: string[];
}

export interface OutTriad {
  members: [string, string, string];
  signs: [number, number, number];
  balanced: boolean;
  against?: string | null;
}

export interface OutDocument {
  id: string;
  title: string | null;
  author: string | null;
  outlet: string | null;
  published: string | null;
  source: DocSource | { path: string };
  contentType: string;
  text: string;
}

export interface EntenteOutput {
  format: "entente/1";
  document: OutDocument;
  actors: OutActor[];
  events: OutEvent[];
  dyads: OutDyad[];
  triads: OutTriad[];
  diagnostics: Diagnostic[];
}
