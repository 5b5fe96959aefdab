/**
 * The embedded default store: one SQLite file (better-sqlite3), WAL journal, schema migrations,
 * FTS5 full-text search. Every document is written in one transaction, so a killed process
 * loses nothing already committed and a rerun continues where it stopped.
 */
import Database from "better-sqlite3";
import { StoreError, messageOf } from "../../core/errors.js";
import type { DocSource } from "../../core/doc.js";
import type { EntenteOutput, OutActor, OutEvent } from "../../core/output.js";
import type { EventFilter, EventStore, SearchHit, StoreCounts, StoredDocument, StoredEvent } from "../contract.js";
import { MIGRATIONS } from "./migrations.js";

type Row = Record<string, unknown>;

function docOf(r: Row): StoredDocument {
  return {
    id: String(r.id),
    title: (r.title as string | null) ?? null,
    author: (r.author as string | null) ?? null,
    outlet: (r.outlet as string | null) ?? null,
    published: (r.published as string | null) ?? null,
    source: JSON.parse(String(r.source)) as DocSource,
    contentType: String(r.content_type),
    chars: Number(r.chars),
  };
}

/** Turns a free-text query into a safe FTS5 query: words as quoted terms, ANDed. */
export function ftsQuery(q: string): string {
  const terms = q.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(" ");
}

export class SqliteStore implements EventStore {
  readonly location: string;
  private readonly db: Database.Database;

  private constructor(db: Database.Database, location: string) {
    this.db = db;
    this.location = location;
  }

  /** Opens (creating if needed) the store at `file` and brings its schema up to date. */
  static open(file: string, opts: { readonly?: boolean } = {}): SqliteStore {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    } catch (e) {
      throw new StoreError(`cannot open the SQLite store (${messageOf(e)})`, file, { cause: e });
    }
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      db.pragma("busy_timeout = 10000");
      if (!opts.readonly) migrate(db);
    } catch (e) {
      db.close();
      throw new StoreError(`cannot use ${file} as an Entente store (${messageOf(e)})`, file, { cause: e });
    }
    return new SqliteStore(db, file);
  }

  async hasDocument(id: string): Promise<boolean> {
    return this.db.prepare("SELECT 1 FROM documents WHERE id = ?").get(id) !== undefined;
  }

  async putAnalysis(out: EntenteOutput): Promise<boolean> {
    const d = out.document;
    const tx = this.db.transaction((): boolean => {
      const ins = this.db
        .prepare(
          `INSERT INTO documents (id, title, author, outlet, published, source, content_type, text, chars)
           VALUES (@id, @title, @author, @outlet, @published, @source, @contentType, @text, @chars)
           ON CONFLICT(id) DO NOTHING`,
        )
        .run({ ...d, source: JSON.stringify(d.source), chars: d.text.length });
      if (ins.changes === 0) return false;
      this.db.prepare("INSERT INTO documents_fts (rowid, title, text) VALUES ((SELECT rowid FROM documents WHERE id = ?), ?, ?)").run(d.id, d.title ?? "", d.text);
      const actor = this.db.prepare(
        `INSERT INTO actors (id, name, type, country, code, role, leaning, aliases) VALUES (@id, @name, @type, @country, @code, @role, @leaning, @aliases)
         ON CONFLICT(id) DO UPDATE SET aliases = (SELECT json_group_array(value) FROM (SELECT DISTINCT value FROM json_each(actors.aliases) UNION SELECT value FROM json_each(excluded.aliases) ORDER BY 1))`,
      );
      const mention = this.db.prepare("INSERT OR IGNORE INTO mentions (doc_id, actor_id, start, end) VALUES (?, ?, ?, ?)");
      for (const a of out.actors) {
        actor.run({ ...a, aliases: JSON.stringify([...a.aliases].sort()) });
        for (const m of a.mentions) mention.run(d.id, a.id, m.start, m.end);
      }
      const ev = this.db.prepare(
        `INSERT INTO events (doc_id, id, type, mode, polarity, intensity, modality, negated, attributed_to, date_from, date_to, ev_start, ev_end, confidence, rule, json)
         VALUES (@docId, @id, @type, @mode, @polarity, @intensity, @modality, @negated, @attributedTo, @dateFrom, @dateTo, @start, @end, @confidence, @rule, @json)`,
      );
      const party = this.db.prepare("INSERT OR IGNORE INTO event_actors (doc_id, event_id, actor_id, side) VALUES (?, ?, ?, ?)");
      for (const e of out.events) {
        ev.run({
          docId: d.id,
          id: e.id,
          type: e.type,
          mode: e.mode,
          polarity: e.polarity,
          intensity: e.intensity,
          modality: e.modality,
          negated: e.negated ? 1 : 0,
          attributedTo: e.attributedTo,
          dateFrom: e.date?.from ?? null,
          dateTo: e.date?.to ?? null,
          start: e.evidence.start,
          end: e.evidence.end,
          confidence: e.confidence,
          rule: e.rule,
          json: JSON.stringify(e),
        });
        for (const s of e.source) party.run(d.id, e.id, s, "source");
        for (const t of e.target) party.run(d.id, e.id, t, "target");
      }
      const diag = this.db.prepare("INSERT INTO diagnostics (doc_id, seq, code, message, start, end) VALUES (?, ?, ?, ?, ?, ?)");
      out.diagnostics.forEach((g, i) => diag.run(d.id, i, g.code, g.message, g.start ?? null, g.end ?? null));
      this.db.prepare("INSERT INTO analyses (doc_id, json) VALUES (?, ?)").run(d.id, JSON.stringify({ ...out, document: { ...out.document, text: undefined } }));
      return true;
    });
    try {
      return tx.immediate();
    } catch (e) {
      throw new StoreError(`could not store ${d.id} (${messageOf(e)})`, this.location, { cause: e });
    }
  }

  async getAnalysis(id: string): Promise<EntenteOutput | null> {
    const r = this.db.prepare("SELECT d.text, a.json FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE d.id = ?").get(id) as Row | undefined;
    if (!r) return null;
    const out = JSON.parse(String(r.json)) as EntenteOutput;
    out.document.text = String(r.text);
    return out;
  }

  async listDocuments(opts: { limit?: number; offset?: number } = {}): Promise<StoredDocument[]> {
    const rows = this.db
      .prepare("SELECT id, title, author, outlet, published, source, content_type, chars FROM documents ORDER BY published IS NULL, published, id LIMIT ? OFFSET ?")
      .all(opts.limit ?? 100, opts.offset ?? 0) as Row[];
    return rows.map(docOf);
  }

  async search(query: string, opts: { limit?: number } = {}): Promise<SearchHit[]> {
    const q = ftsQuery(query);
    if (!q) return [];
    const rows = this.db
      .prepare(
        `SELECT d.id, d.title, d.author, d.outlet, d.published, d.source, d.content_type, d.chars,
                snippet(documents_fts, 1, '«', '»', '…', 16) AS snippet, bm25(documents_fts) AS rank
         FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
         WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(q, opts.limit ?? 20) as Row[];
    return rows.map((r) => ({ ...docOf(r), snippet: String(r.snippet).replace(/\s+/g, " "), rank: Number(r.rank) }));
  }

  async actors(): Promise<OutActor[]> {
    const rows = this.db.prepare("SELECT * FROM actors ORDER BY id").all() as Row[];
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      type: r.type as OutActor["type"],
      country: (r.country as string | null) ?? null,
      code: (r.code as string | null) ?? null,
      role: (r.role as string | null) ?? null,
      leaning: (r.leaning as string | null) ?? null,
      aliases: JSON.parse(String(r.aliases)) as string[],
      mentions: [],
    }));
  }

  async events(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.docId) (where.push("e.doc_id = ?"), args.push(filter.docId));
    if (filter.actor) (where.push("EXISTS (SELECT 1 FROM event_actors x WHERE x.doc_id = e.doc_id AND x.event_id = e.id AND x.actor_id = ?)"), args.push(filter.actor));
    const sql = `SELECT e.doc_id, e.json FROM events e ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY e.doc_id, e.ev_start, e.id LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, filter.limit ?? 1000) as Row[];
    return rows.map((r) => ({ ...(JSON.parse(String(r.json)) as OutEvent), docId: String(r.doc_id) }));
  }

  async counts(): Promise<StoreCounts> {
    const one = (sql: string) => Number((this.db.prepare(sql).get() as Row).n);
    return {
      documents: one("SELECT count(*) n FROM documents"),
      actors: one("SELECT count(*) n FROM actors"),
      mentions: one("SELECT count(*) n FROM mentions"),
      events: one("SELECT count(*) n FROM events"),
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Applies the migrations the file has not seen yet, each in its own transaction. */
function migrate(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  const done = new Set((db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((r) => r.version));
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, name) VALUES (?, ?)").run(m.version, m.name);
    }).immediate();
  }
}
