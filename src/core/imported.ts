/**
 * Events read from the field's datasets (GDELT 1.0 and 2.0, ICEWS, POLECAT, PLOVER JSON) rather
 * than from text: no sentence, but provenance to the dataset, file, row and source URL.
 * Importers (src/interop) make them; stores keep them; exporters write them back out.
 */
import type { Arena, Modality, OutDate, OutSpan, Polarity } from "./output.js";

export type Dataset = "gdelt1" | "gdelt2" | "gdelt2-mentions" | "icews" | "polecat" | "plover";
export const DATASETS: readonly Dataset[] = ["gdelt1", "gdelt2", "gdelt2-mentions", "icews", "polecat", "plover"];

/** One side of an imported event, as the dataset gave it and as we map it. */
export interface ImportedActor {
  /** the dataset's own text for the actor (GDELT Actor1Name, ICEWS Source Name…) */
  name: string | null;
  /** the dataset's code (CAMEO actor code, ICEWS sector list…), as given */
  code: string | null;
  /** ISO 3166-1 alpha-3 of the actor's state, when the row gives or implies one */
  country: string | null;
  /** our actor id: the state (IRN), or state + sector (IRNGOV, RUSMIL) as in the gazetteer */
  id: string | null;
}

export interface ImportedEvent {
  dataset: Dataset;
  /** the row's own id in its dataset (GLOBALEVENTID, ICEWS Event ID, PLOVER id); unique per dataset */
  key: string;
  /** where it was read: the file as named on the command line, and its 1-based line (or record) number */
  file: string;
  row: number;
  /** the article the dataset coded it from, when given */
  url: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  source: ImportedActor;
  target: ImportedActor;
  /** CAMEO event code as given (e.g. "0431"), or null for datasets coded in PLOVER */
  cameo: string | null;
  /** PLOVER type and mode (mapped from CAMEO by our table where the dataset is CAMEO-coded) */
  type: string;
  mode: string | null;
  polarity: Polarity;
  /** the dataset's intensity: Goldstein for CAMEO datasets, PLOVER intensity otherwise */
  intensity: number;
  arena: Arena[];
  modality: Modality;
  /** place name as given */
  location: string | null;
  /** GDELT's NumMentions / NumSources / NumArticles when given */
  mentions: number | null;
  /** what a PLOVER record carries beyond the CAMEO datasets' columns; absent for those datasets */
  detail?: ImportedDetail;
}

/**
 * What a PLOVER record (ours or another coder's) carries beyond the CAMEO datasets' columns, so
 * that an Entente export re-imports without losing anything.
 */
export interface ImportedDetail {
  /** every actor and recipient the record names; `source` and `target` are the first of each */
  sources: ImportedActor[];
  targets: ImportedActor[];
  /** true: direction does not matter (joint drills, "relations between") */
  mutual: boolean;
  negated: boolean;
  /** the sentence the event was coded from */
  text: string | null;
  /** the words that triggered it */
  trigger: string | null;
  /** our actor id of who says so in the text; null = the author */
  attributedTo: string | null;
  /** the event's own date, as precise as the text gave it (`date` is the day the index uses) */
  when: OutDate | null;
  confidence: number | null;
  /** PLOVER contexts as given */
  context: string[];
  /** where the event was first coded, when the record is an Entente export */
  origin: EventOrigin | null;
}

/** Provenance of an exported event: a stored document's event, or a row of a dataset. */
export type EventOrigin =
  | {
      kind: "document";
      docId: string;
      eventId: string;
      rule: string;
      evidence: OutSpan | null;
      title: string | null;
      outlet: string | null;
      published: string | null;
      fragility: boolean;
      hedging: boolean;
    }
  | { kind: "dataset"; dataset: Dataset; key: string; file: string; row: number; cameo: string | null };

/** A row the importer could not use, reported as a diagnostic and skipped. */
export interface RowProblem {
  file: string;
  row: number;
  message: string;
}

/**
 * The file a batch of imported events came from. Stores keep one document row per imported file
 * (id `import:<kind>:<fingerprint>`, see src/interop/import.ts; a title naming the dataset and
 * file; no text), so that the events' dyad reports, which reference a document, have one.
 */
export interface ImportSource {
  id: string;
  title: string;
  /** the file as named on the command line */
  file: string;
}

/** Which imported events to read back. */
export interface ImportedFilter {
  dataset?: Dataset;
  /** only these keys (of `dataset`) */
  keys?: readonly string[];
  /** events with this actor id or country on either side */
  actor?: string;
  limit?: number;
  offset?: number;
}
