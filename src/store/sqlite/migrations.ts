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
  {
    version: 2,
    name: "dyad reports and clusters",
    sql: `
      CREATE TABLE reports (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        a TEXT NOT NULL, b TEXT NOT NULL, mutual INTEGER NOT NULL,
        type TEXT NOT NULL, polarity TEXT NOT NULL, intensity REAL NOT NULL,
        modality TEXT NOT NULL, confidence REAL NOT NULL, arenas INTEGER NOT NULL,
        day TEXT, source_key TEXT NOT NULL, source_country TEXT, claim_country TEXT,
        text_key TEXT NOT NULL, fragility INTEGER NOT NULL, hedging INTEGER NOT NULL,
        PRIMARY KEY (doc_id, event_id, a, b)
      );
      CREATE INDEX reports_pair ON reports (a, b);
      CREATE TABLE clusters (
        id TEXT PRIMARY KEY,
        a TEXT NOT NULL, b TEXT NOT NULL, mutual INTEGER NOT NULL,
        type TEXT NOT NULL, polarity TEXT NOT NULL,
        day TEXT, month TEXT, arenas INTEGER NOT NULL,
        intensity REAL NOT NULL, modality TEXT NOT NULL, confidence REAL NOT NULL,
        reports INTEGER NOT NULL, sources INTEGER NOT NULL,
        contribution REAL NOT NULL, weight REAL NOT NULL,
        fragility INTEGER NOT NULL, hedging INTEGER NOT NULL,
        only_source_country TEXT,
        refs TEXT NOT NULL
      );
      -- a covering index: a pair's series reads the index alone
      CREATE INDEX clusters_pair ON clusters (a, b, month, mutual, arenas, polarity, contribution, weight, day);
      CREATE INDEX clusters_b ON clusters (b, a);
      -- pairs with reports newer than their clusters: cleared when the pair is clustered again
      CREATE TABLE dirty_pairs (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b));
      -- settings the derived tables were built with (e.g. the index configuration's hash)
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 3,
    name: "corrections",
    sql: `
      CREATE TABLE corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        action TEXT NOT NULL CHECK (action IN ('edit', 'reject', 'merge-actors')),
        doc_id TEXT, event_id TEXT,
        json TEXT NOT NULL
      );
      CREATE INDEX corrections_doc ON corrections (doc_id);
    `,
  },
  {
    version: 4,
    name: "imported events",
    sql: `
      -- events read from datasets (GDELT, ICEWS, POLECAT, PLOVER), one row per dataset and key;
      -- their dyad reports hang on one documents row per imported file
      CREATE TABLE imported_events (
        dataset TEXT NOT NULL, key TEXT NOT NULL,
        file TEXT NOT NULL, row INTEGER NOT NULL, url TEXT, day TEXT,
        source_name TEXT, source_code TEXT, source_country TEXT, source_id TEXT,
        target_name TEXT, target_code TEXT, target_country TEXT, target_id TEXT,
        cameo TEXT, type TEXT NOT NULL, mode TEXT, polarity TEXT NOT NULL, intensity REAL NOT NULL,
        arenas INTEGER NOT NULL, modality TEXT NOT NULL, location TEXT, mentions INTEGER,
        PRIMARY KEY (dataset, key)
      );
    `,
  },
  {
    version: 5,
    name: "imported event details; imported events keyed without rowid",
    sql: `
      -- detail: what a PLOVER record carries beyond the CAMEO datasets' columns (JSON), so that
      -- an export re-imports without loss. The table is rebuilt WITHOUT ROWID: its key is its
      -- only index, so an insert writes one B-tree instead of two (imports write millions).
      CREATE TABLE imported_events_v5 (
        dataset TEXT NOT NULL, key TEXT NOT NULL,
        file TEXT NOT NULL, row INTEGER NOT NULL, url TEXT, day TEXT,
        source_name TEXT, source_code TEXT, source_country TEXT, source_id TEXT,
        target_name TEXT, target_code TEXT, target_country TEXT, target_id TEXT,
        cameo TEXT, type TEXT NOT NULL, mode TEXT, polarity TEXT NOT NULL, intensity REAL NOT NULL,
        arenas INTEGER NOT NULL, modality TEXT NOT NULL, location TEXT, mentions INTEGER,
        detail TEXT,
        PRIMARY KEY (dataset, key)
      ) WITHOUT ROWID;
      INSERT INTO imported_events_v5
        SELECT dataset, key, file, row, url, day, source_name, source_code, source_country, source_id, target_name, target_code, target_country, target_id,
               cameo, type, mode, polarity, intensity, arenas, modality, location, mentions, NULL
        FROM imported_events;
      DROP TABLE imported_events;
      ALTER TABLE imported_events_v5 RENAME TO imported_events;
    `,
  },
  {
    version: 6,
    name: "structural priors",
    sql: `
      -- prior datasets (UN votes, ATOP, SIPRI, COW trade), each replaced wholesale on import;
      -- states are ISO alpha-3 through our crosswalk; src_row is the record's row in its file
      CREATE TABLE prior_datasets (kind TEXT PRIMARY KEY, file TEXT NOT NULL, rows INTEGER NOT NULL, year_from INTEGER, year_to INTEGER);
      -- votes 1 yes, 2 abstain, 3 no; a year's table and a state's years are range scans
      CREATE TABLE prior_un_votes (
        year INTEGER NOT NULL, state TEXT NOT NULL, rcid INTEGER NOT NULL, vote INTEGER NOT NULL, src_row INTEGER NOT NULL,
        PRIMARY KEY (year, state, rcid)
      ) WITHOUT ROWID;
      CREATE TABLE prior_atop (
        from_state TEXT NOT NULL, to_state TEXT NOT NULL, year INTEGER NOT NULL,
        defense INTEGER NOT NULL, offense INTEGER NOT NULL, neutrality INTEGER NOT NULL, non_aggression INTEGER NOT NULL, consultation INTEGER NOT NULL,
        src_row INTEGER NOT NULL,
        PRIMARY KEY (from_state, to_state, year)
      ) WITHOUT ROWID;
      CREATE INDEX prior_atop_year ON prior_atop (year);
      CREATE TABLE prior_arms (
        recipient TEXT NOT NULL, year INTEGER NOT NULL, supplier TEXT NOT NULL, tiv REAL NOT NULL, src_row INTEGER NOT NULL,
        PRIMARY KEY (recipient, year, supplier)
      ) WITHOUT ROWID;
      CREATE INDEX prior_arms_supplier ON prior_arms (supplier, year);
      CREATE INDEX prior_arms_year ON prior_arms (year);
      -- a < b; a_from_b = imports of a from b (million USD), NULL when missing
      CREATE TABLE prior_trade (
        a TEXT NOT NULL, b TEXT NOT NULL, year INTEGER NOT NULL, a_from_b REAL, b_from_a REAL, src_row INTEGER NOT NULL,
        PRIMARY KEY (a, b, year)
      ) WITHOUT ROWID;
      CREATE INDEX prior_trade_year ON prior_trade (year);
      CREATE TABLE prior_trade_totals (
        state TEXT NOT NULL, year INTEGER NOT NULL, imports REAL, exports REAL, src_row INTEGER NOT NULL,
        PRIMARY KEY (state, year)
      ) WITHOUT ROWID;
      CREATE INDEX prior_trade_totals_year ON prior_trade_totals (year);
    `,
  },
  {
    version: 7,
    name: "imported events packed",
    sql: `
      -- imported events keep as columns what queries select on (dataset and key, the actors'
      -- ids and states, the day) and the rest in one JSON array (see src/core/imported-pack.ts),
      -- and name their file by a number: an import writes millions of rows, and binding one
      -- text instead of fifteen values makes each insert much cheaper; the rows are smaller too
      CREATE TABLE import_files (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
      INSERT INTO import_files (path) SELECT DISTINCT file FROM imported_events ORDER BY file;
      CREATE TABLE imported_events_v7 (
        dataset TEXT NOT NULL, key TEXT NOT NULL,
        file INTEGER NOT NULL, row INTEGER NOT NULL, day TEXT,
        source_id TEXT, source_country TEXT, target_id TEXT, target_country TEXT,
        rest TEXT NOT NULL,
        PRIMARY KEY (dataset, key)
      ) WITHOUT ROWID;
      INSERT INTO imported_events_v7
        SELECT dataset, key, (SELECT id FROM import_files f WHERE f.path = e.file), row, day, source_id, source_country, target_id, target_country,
               json_array(url, source_name, source_code, target_name, target_code, cameo, type, mode, polarity, intensity, arenas, modality, location, mentions, json(detail))
        FROM imported_events e;
      DROP TABLE imported_events;
      ALTER TABLE imported_events_v7 RENAME TO imported_events;
    `,
  },
  {
    version: 8,
    name: "reports indexed by pair within chunks",
    sql: `
      -- an import's reports are written in chunks of about 16 k (CHUNK_REPORTS in store.ts),
      -- and the pair index is ordered by chunk first. One commit of an import names hundreds of
      -- pairs: ordered by pair alone, it rewrote one index page per pair, a third of an
      -- import's writes; ordered by chunk, it touches the few dozen pages of its chunk. A pair's
      -- reports are read with one index seek per chunk. Chunk 0 holds every other report.
      CREATE TABLE report_chunks (id INTEGER PRIMARY KEY, reports INTEGER NOT NULL);
      INSERT INTO report_chunks (id, reports) VALUES (0, 0);
      ALTER TABLE reports ADD COLUMN chunk INTEGER NOT NULL DEFAULT 0;
      DROP INDEX reports_pair;
      CREATE INDEX reports_pair ON reports (chunk, a, b);
    `,
  },
  {
    version: 9,
    name: "imported events: key columns and one JSON text",
    sql: `
      -- the day and the actors' ids and countries join the JSON text (at its end, see Rest in
      -- src/core/imported-pack.ts): no query selects on them through an index, and every value
      -- bound to an insert costs the writer of an import more than the bytes it holds (five fewer
      -- per row: 5% faster GDELT imports)
      CREATE TABLE imported_events_v9 (
        dataset TEXT NOT NULL, key TEXT NOT NULL,
        file INTEGER NOT NULL, row INTEGER NOT NULL,
        rest TEXT NOT NULL,
        PRIMARY KEY (dataset, key)
      ) WITHOUT ROWID;
      INSERT INTO imported_events_v9
        SELECT dataset, key, file, row, json_insert(rest, '$[#]', day, '$[#]', source_id, '$[#]', source_country, '$[#]', target_id, '$[#]', target_country)
        FROM imported_events;
      DROP TABLE imported_events;
      ALTER TABLE imported_events_v9 RENAME TO imported_events;
    `,
  },
];
