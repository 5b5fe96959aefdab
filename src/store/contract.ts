/**
 * The one store interface. SQLite (embedded default) and PostgreSQL implement it; one contract
 * test suite runs against both. Methods are async so that both fit.
 */
import type { DocSource } from "../core/doc.js";
import type { EntenteOutput, OutActor, OutEvent } from "../core/output.js";

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
  putAnalysis(out: EntenteOutput): Promise<boolean>;
  /** the stored analysis of a document, as it was put */
  getAnalysis(id: string): Promise<EntenteOutput | null>;
  listDocuments(opts?: { limit?: number; offset?: number }): Promise<StoredDocument[]>;
  /** full-text search over titles and texts */
  search(query: string, opts?: { limit?: number }): Promise<SearchHit[]>;
  actors(): Promise<OutActor[]>;
  events(filter?: EventFilter): Promise<StoredEvent[]>;
  counts(): Promise<StoreCounts>;
  close(): Promise<void>;
}
