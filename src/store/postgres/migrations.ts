/**
 * PostgreSQL schema, as numbered migrations that follow SQLite's (src/store/sqlite/migrations.ts)
 * table for table. Never edit one that has shipped: add the next.
 *
 * Differences that matter: identifiers and dates are `COLLATE "C"`, so ordering and `a < b`
 * compare bytes as SQLite does whatever the database's locale; flags stay integers so both
 * stores' rows map through the same functions; full-text search is a stored tsvector with the
 * `simple` configuration (no stemming, as SQLite's unicode61); and `dirty_pairs` keeps a sequence
 * number instead of a bare row, so that a pair marked again while it is being clustered stays
 * dirty when several processes share the database.
 */
import type { Migration } from "../sqlite/migrations.js";

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "documents, actors, mentions, events",
    sql: `
      CREATE TABLE documents (
        id TEXT COLLATE "C" PRIMARY KEY,
        title TEXT, author TEXT, outlet TEXT, published TEXT COLLATE "C",
        source TEXT NOT NULL,
        content_type TEXT NOT NULL,
        text TEXT NOT NULL,
        chars INTEGER NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED
      );
      CREATE INDEX documents_published ON documents (published);
      CREATE INDEX documents_tsv ON documents USING gin (tsv);
      CREATE TABLE analyses (
        doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        json TEXT NOT NULL
      );
      CREATE TABLE actors (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT NOT NULL, type TEXT NOT NULL,
        country TEXT, code TEXT, role TEXT, leaning TEXT
      );
      -- aliases in their own rows: documents naming the same actor add aliases without
      -- updating (and so locking) the actor's row
      CREATE TABLE actor_aliases (
        actor_id TEXT COLLATE "C" NOT NULL REFERENCES actors (id),
        alias TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (actor_id, alias)
      );
      CREATE TABLE mentions (
        doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        actor_id TEXT COLLATE "C" NOT NULL REFERENCES actors (id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        PRIMARY KEY (doc_id, start, "end", actor_id)
      );
      CREATE INDEX mentions_actor ON mentions (actor_id);
      CREATE TABLE events (
        doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        id TEXT COLLATE "C" NOT NULL,
        type TEXT NOT NULL, mode TEXT,
        polarity TEXT NOT NULL, intensity DOUBLE PRECISION NOT NULL,
        modality TEXT NOT NULL, negated INTEGER NOT NULL,
        attributed_to TEXT,
        date_from TEXT, date_to TEXT,
        ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
        confidence DOUBLE PRECISION NOT NULL, rule TEXT NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
      );
      CREATE TABLE event_actors (
        doc_id TEXT COLLATE "C" NOT NULL, event_id TEXT COLLATE "C" NOT NULL, actor_id TEXT COLLATE "C" NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('source', 'target')),
        PRIMARY KEY (doc_id, event_id, actor_id, side),
        FOREIGN KEY (doc_id, event_id) REFERENCES events (doc_id, id) ON DELETE CASCADE
      );
      CREATE INDEX event_actors_actor ON event_actors (actor_id);
      CREATE TABLE diagnostics (
        doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        code TEXT NOT NULL, message TEXT NOT NULL,
        start INTEGER, "end" INTEGER,
        PRIMARY KEY (doc_id, seq)
      );
    `,
  },
  {
    version: 2,
    name: "dyad reports and clusters",
    sql: `
      CREATE TABLE reports (
        doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        event_id TEXT COLLATE "C" NOT NULL,
        a TEXT COLLATE "C" NOT NULL, b TEXT COLLATE "C" NOT NULL, mutual INTEGER NOT NULL,
        type TEXT NOT NULL, polarity TEXT NOT NULL, intensity DOUBLE PRECISION NOT NULL,
        modality TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL, arenas INTEGER NOT NULL,
        day TEXT COLLATE "C", source_key TEXT NOT NULL, source_country TEXT, claim_country TEXT,
        text_key TEXT NOT NULL, fragility INTEGER NOT NULL, hedging INTEGER NOT NULL,
        PRIMARY KEY (doc_id, event_id, a, b)
      );
      CREATE INDEX reports_pair ON reports (a, b);
      CREATE TABLE clusters (
        id TEXT COLLATE "C" PRIMARY KEY,
        a TEXT COLLATE "C" NOT NULL, b TEXT COLLATE "C" NOT NULL, mutual INTEGER NOT NULL,
        type TEXT NOT NULL, polarity TEXT NOT NULL,
        day TEXT COLLATE "C", month TEXT COLLATE "C", arenas INTEGER NOT NULL,
        intensity DOUBLE PRECISION NOT NULL, modality TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL,
        reports INTEGER NOT NULL, sources INTEGER NOT NULL,
        contribution DOUBLE PRECISION NOT NULL, weight DOUBLE PRECISION NOT NULL,
        fragility INTEGER NOT NULL, hedging INTEGER NOT NULL,
        only_source_country TEXT,
        refs TEXT NOT NULL
      );
      -- a covering index: a pair's series reads the index alone
      CREATE INDEX clusters_pair ON clusters (a, b, month) INCLUDE (mutual, arenas, polarity, contribution, weight, day);
      CREATE INDEX clusters_b ON clusters (b, a);
      -- a pair is dirty while seq (bumped whenever its reports change) is above clustered (the seq
      -- its clusters were computed at)
      CREATE SEQUENCE dirty_pairs_seq;
      CREATE TABLE dirty_pairs (
        a TEXT COLLATE "C" NOT NULL, b TEXT COLLATE "C" NOT NULL,
        seq BIGINT NOT NULL, clustered BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (a, b)
      );
      CREATE TABLE settings (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 3,
    name: "corrections",
    sql: `
      CREATE TABLE corrections (
        id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('edit', 'reject', 'merge-actors')),
        doc_id TEXT COLLATE "C", event_id TEXT COLLATE "C",
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
        dataset TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL,
        file TEXT NOT NULL, "row" INTEGER NOT NULL, url TEXT, day TEXT COLLATE "C",
        source_name TEXT, source_code TEXT, source_country TEXT COLLATE "C", source_id TEXT COLLATE "C",
        target_name TEXT, target_code TEXT, target_country TEXT COLLATE "C", target_id TEXT COLLATE "C",
        cameo TEXT, type TEXT NOT NULL, mode TEXT, polarity TEXT NOT NULL, intensity DOUBLE PRECISION NOT NULL,
        arenas INTEGER NOT NULL, modality TEXT NOT NULL, location TEXT, mentions INTEGER,
        PRIMARY KEY (dataset, key)
      );
    `,
  },
  {
    version: 5,
    name: "imported event details",
    sql: `
      -- detail: what a PLOVER record carries beyond the CAMEO datasets' columns (JSON text), so
      -- that an export re-imports without loss
      ALTER TABLE imported_events ADD COLUMN detail TEXT;
    `,
  },
  {
    version: 6,
    name: "structural priors",
    sql: `
      -- prior datasets (UN votes, ATOP, SIPRI, COW trade), each replaced wholesale on import;
      -- states are ISO alpha-3 through our crosswalk; src_row is the record's row in its file
      CREATE TABLE prior_datasets (kind TEXT COLLATE "C" PRIMARY KEY, file TEXT NOT NULL, rows INTEGER NOT NULL, year_from INTEGER, year_to INTEGER);
      -- votes 1 yes, 2 abstain, 3 no; a year's table and a state's years are range scans
      CREATE TABLE prior_un_votes (
        year SMALLINT NOT NULL, state TEXT COLLATE "C" NOT NULL, rcid INTEGER NOT NULL, vote SMALLINT NOT NULL, src_row INTEGER NOT NULL,
        PRIMARY KEY (year, state, rcid)
      );
      CREATE TABLE prior_atop (
        from_state TEXT COLLATE "C" NOT NULL, to_state TEXT COLLATE "C" NOT NULL, year SMALLINT NOT NULL,
        defense SMALLINT NOT NULL, offense SMALLINT NOT NULL, neutrality SMALLINT NOT NULL, non_aggression SMALLINT NOT NULL, consultation SMALLINT NOT NULL,
        src_row INTEGER NOT NULL,
        PRIMARY KEY (from_state, to_state, year)
      );
      CREATE INDEX prior_atop_year ON prior_atop (year);
      CREATE TABLE prior_arms (
        recipient TEXT COLLATE "C" NOT NULL, year SMALLINT NOT NULL, supplier TEXT COLLATE "C" NOT NULL, tiv DOUBLE PRECISION NOT NULL, src_row INTEGER NOT NULL,
        PRIMARY KEY (recipient, year, supplier)
      );
      CREATE INDEX prior_arms_supplier ON prior_arms (supplier, year);
      CREATE INDEX prior_arms_year ON prior_arms (year);
      -- a < b; a_from_b = imports of a from b (million USD), NULL when missing
      CREATE TABLE prior_trade (
        a TEXT COLLATE "C" NOT NULL, b TEXT COLLATE "C" NOT NULL, year SMALLINT NOT NULL, a_from_b DOUBLE PRECISION, b_from_a DOUBLE PRECISION, src_row INTEGER NOT NULL,
        PRIMARY KEY (a, b, year)
      );
      CREATE INDEX prior_trade_year ON prior_trade (year);
      CREATE TABLE prior_trade_totals (
        state TEXT COLLATE "C" NOT NULL, year SMALLINT NOT NULL, imports DOUBLE PRECISION, exports DOUBLE PRECISION, src_row INTEGER NOT NULL,
        PRIMARY KEY (state, year)
      );
      CREATE INDEX prior_trade_totals_year ON prior_trade_totals (year);
    `,
  },
];
