/**
 * SQLite schema, as numbered migrations. Never edit one that has shipped: add the next.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "documents, actors, mentions, events",
    sql: `
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        title TEXT, author TEXT, outlet TEXT, published TEXT,
        source TEXT NOT NULL,
        content_type TEXT NOT NULL,
        text TEXT NOT NULL,
        chars INTEGER NOT NULL
      );
      CREATE INDEX documents_published ON documents (published);
      CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, tokenize = 'unicode61 remove_diacritics 2');
      CREATE TABLE analyses (
        doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        json TEXT NOT NULL
      );
      CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL, type TEXT NOT NULL,
        country TEXT, code TEXT, role TEXT, leaning TEXT,
        aliases TEXT NOT NULL DEFAULT '[]'
      );
      CREATE TABLE mentions (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors (id),
        start INTEGER NOT NULL, end INTEGER NOT NULL,
        PRIMARY KEY (doc_id, start, end, actor_id)
      );
      CREATE INDEX mentions_actor ON mentions (actor_id);
      CREATE TABLE events (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        type TEXT NOT NULL, mode TEXT,
        polarity TEXT NOT NULL, intensity REAL NOT NULL,
        modality TEXT NOT NULL, negated INTEGER NOT NULL,
        attributed_to TEXT,
        date_from TEXT, date_to TEXT,
        ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
        confidence REAL NOT NULL, rule TEXT NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
      );
      CREATE TABLE event_actors (
        doc_id TEXT NOT NULL, event_id TEXT NOT NULL, actor_id TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('source', 'target')),
        PRIMARY KEY (doc_id, event_id, actor_id, side),
        FOREIGN KEY (doc_id, event_id) REFERENCES events (doc_id, id) ON DELETE CASCADE
      );
      CREATE INDEX event_actors_actor ON event_actors (actor_id);
      CREATE TABLE diagnostics (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        code TEXT NOT NULL, message TEXT NOT NULL,
        start INTEGER, end INTEGER,
        PRIMARY KEY (doc_id, seq)
      );
    `,
  },
];
