/**
 * The embedded default store: one SQLite file (better-sqlite3), WAL journal, schema migrations,
 * FTS5 full-text search. Every document is written in one transaction, so a killed process
 * loses nothing already committed and a rerun continues where it stopped.
 */
import Database from "better-sqlite3";
import { StoreError, messageOf } from "../../core/errors.js";
import type { DocSource } from "../../core/doc.js";
import type { EntenteOutput, OutActor, OutEvent } from "../../core/output.js";
import type { CitedEvent, EventFilter, EventStore, SearchHit, StoreCounts, StoredDocument, StoredEvent } from "../contract.js";
import type { Cluster, DyadQuery, DyadReport, DyadSums } from "../../core/dyad.js";
import type { Correction, CorrectionInput } from "../../core/correction.js";
import { arenasOf } from "../../core/dyad.js";
import type { Dataset, ImportedEvent, ImportedFilter, ImportSource } from "../../core/imported.js";
import { REST_ACTOR_FIELDS, packImported, packReports, packedEventId, unpackImported, type PackedImported, type PackedReport } from "../../core/imported-pack.js";
import { keysetPages } from "../keyset.js";
import type { ArmsImports, PriorDataset, PriorKind, PriorRow, PriorYears } from "../../core/priors.js";
import { PRIOR_TABLES, armsImportsOf, armsOf, atopOf, datasetOf, priorQueries, priorValues, totalsOf, tradeOf, unVoteOf } from "../priors-sql.js";
import { MIGRATIONS } from "./migrations.js";

type Row = Record<string, unknown>;

/** A documents row (either store) → StoredDocument. */
export function docOf(r: Row): StoredDocument {
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

/** The words of a free-text query, as both stores search for them (all must occur). */
export function searchTerms(q: string): string[] {
  return q.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
}

/** Turns a free-text query into a safe FTS5 query: words as quoted terms, ANDed. */
export function ftsQuery(q: string): string {
  return searchTerms(q).map((t) => `"${t.replace(/"/g, '""')}"`).join(" ");
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
      // pages of 8 KB for a new file (an existing one keeps its own): half the WAL frames, and
      // the write calls, of 4 KB pages per imported row; measured 5% faster GDELT imports
      db.pragma("page_size = 8192");
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      db.pragma("busy_timeout = 10000");
      // checkpoint the WAL every 10,000 pages (80 MB) rather than every 1,000: bulk imports
      // write hundreds of MB, and each checkpoint syncs the file
      db.pragma("wal_autocheckpoint = 10000");
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

  async putAnalysis(out: EntenteOutput, reports: readonly DyadReport[] = []): Promise<boolean> {
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
      this.insertReports(reports);
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
    return rows.map(actorOf);
  }

  async events(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const { sql, args } = eventsSql(filter);
    return (this.db.prepare(sql).all(...args) as Row[]).map(storedEventOf);
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

  /** Inserts reports (inside the caller's transaction); a report already stored is kept as it was. */
  insertReports(reports: readonly DyadReport[]): void {
    if (!reports.length) return;
    // positional parameters and one dirty-pair insert per pair: imports write reports by the
    // hundred thousand
    const st = (this.stmtReport ??= this.db.prepare(
      `INSERT OR IGNORE INTO reports (doc_id, event_id, a, b, mutual, type, polarity, intensity, modality, confidence, arenas, day, source_key, source_country, claim_country, text_key, fragility, hedging)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ));
    const pairs = new Set<string>();
    for (const r of reports) {
      const added = st.run(r.docId, r.eventId, r.a, r.b, r.mutual ? 1 : 0, r.type, r.polarity, r.intensity, r.modality, r.confidence, r.arenas, r.day, r.sourceKey, r.sourceCountry, r.claimCountry, r.textKey, r.fragility ? 1 : 0, r.hedging ? 1 : 0).changes;
      if (added) pairs.add(pairKey(r.a, r.b));
    }
    this.markDirty(pairs);
  }

  /** Marks pairs (see {@link pairKey}) as needing clustering again (inside the caller's transaction). */
  private markDirty(pairs: ReadonlySet<string>): void {
    const dirty = (this.stmtDirty ??= this.db.prepare("INSERT OR IGNORE INTO dirty_pairs (a, b) VALUES (?, ?)"));
    for (const p of pairs) {
      const tab = p.indexOf("\t");
      dirty.run(p.slice(0, tab), p.slice(tab + 1));
    }
  }
  private stmtDirty: Database.Statement | undefined;

  async putCorrection(c: CorrectionInput): Promise<Correction> {
    const docId = c.action === "merge-actors" ? null : c.docId;
    const eventId = c.action === "merge-actors" ? null : c.eventId;
    const r = this.db.prepare("INSERT INTO corrections (action, doc_id, event_id, json) VALUES (?, ?, ?, ?)").run(c.action, docId, eventId, JSON.stringify(c));
    return { ...c, id: Number(r.lastInsertRowid) };
  }

  async corrections(docId?: string): Promise<Correction[]> {
    const rows = (docId === undefined
      ? this.db.prepare("SELECT id, json FROM corrections ORDER BY id").all()
      : this.db.prepare("SELECT id, json FROM corrections WHERE doc_id = ? OR action = 'merge-actors' ORDER BY id").all(docId)) as Row[];
    return rows.map((r) => ({ ...(JSON.parse(String(r.json)) as CorrectionInput), id: Number(r.id) }));
  }

  async replaceReports(docId: string, reports: readonly DyadReport[]): Promise<void> {
    try {
      this.db
        .transaction(() => {
          this.db.prepare("INSERT OR IGNORE INTO dirty_pairs (a, b) SELECT DISTINCT min(a, b), max(a, b) FROM reports WHERE doc_id = ?").run(docId);
          this.db.prepare("DELETE FROM reports WHERE doc_id = ?").run(docId);
          this.insertReports(reports);
        })
        .immediate();
    } catch (e) {
      throw new StoreError(`could not replace the reports of ${docId} (${messageOf(e)})`, this.location, { cause: e });
    }
  }

  async setting(key: string): Promise<string | null> {
    const r = this.db.prepare("SELECT value FROM settings WHERE key = ?").get(key) as Row | undefined;
    return r ? String(r.value) : null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
  }

  async putReports(reports: readonly DyadReport[]): Promise<void> {
    try {
      this.db.transaction(() => this.insertReports(reports)).immediate();
    } catch (e) {
      throw new StoreError(`could not store reports (${messageOf(e)})`, this.location, { cause: e });
    }
  }

  async dirtyPairs(): Promise<[string, string][]> {
    const rows = this.db.prepare("SELECT a, b FROM dirty_pairs ORDER BY a, b").all() as Row[];
    return rows.map((r) => [String(r.a), String(r.b)]);
  }
  private stmtReport: Database.Statement | undefined;

  async pairReports(a: string, b: string): Promise<DyadReport[]> {
    // the reports and their fingerprint from one snapshot: replaceClusters then knows whether
    // another process changed them in between (see there)
    const read = this.db.transaction(() => ({
      rows: this.db.prepare(`SELECT * FROM reports WHERE ${PAIR_WHERE} ORDER BY day, doc_id, event_id`).all(...pairArgs(a, b)) as Row[],
      print: this.reportsPrint(a, b),
    }));
    const { rows, print } = read.deferred();
    this.readPrints.set(a < b ? `${a}|${b}` : `${b}|${a}`, print);
    return rows.map(reportOf);
  }
  /** per pair, the fingerprint of its reports when pairReports last read them */
  private readonly readPrints = new Map<string, string>();

  /** A pair's reports' count and rowids: changes whenever a report is added or replaced. */
  private reportsPrint(a: string, b: string): string {
    const r = this.db.prepare(`SELECT count(*) AS n, max(rowid) AS hi, total(rowid) AS t FROM reports WHERE ${PAIR_WHERE}`).get(...pairArgs(a, b)) as Row;
    return `${r.n}:${r.hi}:${r.t}`;
  }

  async reportPairs(): Promise<[string, string][]> {
    const rows = this.db.prepare("SELECT DISTINCT min(a, b) AS x, max(a, b) AS y FROM reports ORDER BY x, y").all() as Row[];
    return rows.map((r) => [String(r.x), String(r.y)]);
  }

  async replaceClusters(a: string, b: string, clusters: readonly Cluster[]): Promise<void> {
    const ins = this.db.prepare(
      `INSERT OR REPLACE INTO clusters (id, a, b, mutual, type, polarity, day, month, arenas, intensity, modality, confidence, reports, sources, contribution, weight, fragility, hedging, only_source_country, refs)
       VALUES (@id, @a, @b, @mutual, @type, @polarity, @day, @month, @arenas, @intensity, @modality, @confidence, @reports, @sources, @contribution, @weight, @fragility, @hedging, @onlySourceCountry, @refs)`,
    );
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    const seen = this.readPrints.get(key);
    this.readPrints.delete(key);
    const tx = this.db.transaction(() => {
      this.db.prepare("DELETE FROM clusters WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)").run(a, b, b, a);
      // another process stored reports of the pair since they were read: the clusters are kept
      // but the pair stays dirty, so the next reindex weighs it again
      if (seen !== undefined && seen !== this.reportsPrint(a, b)) this.db.prepare("INSERT OR IGNORE INTO dirty_pairs (a, b) VALUES (?, ?)").run(a < b ? a : b, a < b ? b : a);
      else this.db.prepare("DELETE FROM dirty_pairs WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)").run(a, b, b, a);
      for (const c of clusters) ins.run({ ...c, mutual: c.mutual ? 1 : 0, fragility: c.fragility ? 1 : 0, hedging: c.hedging ? 1 : 0, refs: JSON.stringify(c.refs) });
    });
    try {
      tx.immediate();
    } catch (e) {
      throw new StoreError(`could not store the clusters of ${a}–${b} (${messageOf(e)})`, this.location, { cause: e });
    }
  }

  async clusters(q: DyadQuery & { limit?: number } = {}): Promise<Cluster[]> {
    const { where, args } = clusterWhere(q);
    const rows = this.db.prepare(`SELECT * FROM clusters ${where} ORDER BY day IS NULL, day, id LIMIT ?`).all(...args, q.limit ?? 1_000_000) as Row[];
    return rows.map(clusterOf);
  }

  async dyadSums(q: DyadQuery = {}): Promise<DyadSums[]> {
    const { where, args } = clusterWhere(q);
    const win = windowSql(q.by);
    if (q.pair && !q.actor) {
      // one pair: each direction is one range of the covering index, grouped in index order, so
      // SQLite needs no temporary B-tree
      const [x, y] = q.pair[0] < q.pair[1] ? [q.pair[0], q.pair[1]] : [q.pair[1], q.pair[0]];
      const range = clusterWhere({ since: q.since, until: q.until });
      const and = range.where ? ` AND ${range.where.slice("WHERE ".length)}` : "";
      const group = q.by ? "month, mutual, arenas, polarity" : "mutual, arenas, polarity";
      const half = `SELECT ? AS pa, ? AS pb, ${win} AS win, mutual, a < b AS fwd, arenas, polarity, sum(contribution), sum(weight), count(*)
                    FROM clusters WHERE a = ? AND b = ?${and} GROUP BY ${group}`;
      const rows = this.db.prepare(`${half} UNION ALL ${half}`).raw().all(x, y, x, y, ...range.args, x, y, y, x, ...range.args) as unknown[][];
      return expandSums(rows);
    }
    // grouped by the stored (a, b) rather than by min/max, which follows the index's order
    const rows = this.db
      .prepare(
        `SELECT min(a, b) AS pa, max(a, b) AS pb, ${win} AS win, mutual, a < b AS fwd, arenas, polarity,
                sum(contribution) AS s, sum(weight) AS w, count(*) AS n
         FROM clusters ${where} GROUP BY a, b, win, mutual, arenas, polarity`,
      )
      .raw()
      .all(...args) as unknown[][];
    return expandSums(rows);
  }

  async citedEvents(refs: readonly string[]): Promise<CitedEvent[]> {
    const st = this.db.prepare("SELECT e.doc_id, e.json, d.title, d.outlet, d.published FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.doc_id = ? AND e.id = ?");
    const out: CitedEvent[] = [];
    for (const ref of refs) {
      const at = ref.lastIndexOf("#");
      const r = st.get(ref.slice(0, at), ref.slice(at + 1)) as Row | undefined;
      if (r) out.push({ ...(JSON.parse(String(r.json)) as OutEvent), docId: String(r.doc_id), title: (r.title as string | null) ?? null, outlet: (r.outlet as string | null) ?? null, published: (r.published as string | null) ?? null });
    }
    return out;
  }

  async putImported(source: ImportSource, events: readonly ImportedEvent[], reports: readonly DyadReport[] = []): Promise<{ added: number; existing: number; reports: number }> {
    const packed = events.map((e) => packImported(e, source.file));
    const tight = packReports(reports, source.id, events);
    if (tight) return this.putImportedBatch(source, packed, tight);
    // reports of another shape (another document, an outlet's country, a flag): stored as given
    return this.writeImported(source, packed, (mask) => {
      const added = new Set(events.filter((_, i) => mask[i]).map((e) => `${e.dataset}:${e.key}`));
      const fresh = reports.filter((r) => added.has(r.eventId));
      this.insertReports(fresh);
      return fresh.length;
    });
  }

  async putImportedBatch(source: ImportSource, events: readonly PackedImported[], reports: readonly PackedReport[]): Promise<{ added: number; existing: number; reports: number }> {
    // positional parameters and the constant columns in the statement: imports write reports
    // by the hundred thousand
    const st = (this.stmtImportReport ??= this.db.prepare(
      `INSERT OR IGNORE INTO reports (doc_id, event_id, a, b, mutual, type, polarity, intensity, modality, confidence, arenas, day, source_key, source_country, claim_country, text_key, fragility, hedging, chunk)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, 0, 0, ?)`,
    ));
    // every report here references the document row written first in the same transaction, so
    // the foreign key holds by construction: not checking it saves a lookup per report (the
    // pragma cannot change inside a transaction, so it is set around it)
    this.db.pragma("foreign_keys = OFF");
    try {
      return this.writeImported(source, events, (added) => {
        const pairs = new Set<string>();
        let n = 0;
        for (const r of reports) if (added[r[0]]) n++;
        if (!n) return 0;
        const chunk = this.importChunk(n);
        for (const r of reports) {
          if (!added[r[0]]) continue;
          const e = events[r[0]]!;
          if (st.run(source.id, packedEventId(e), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], chunk).changes) pairs.add(pairKey(r[1], r[2]));
        }
        this.markDirty(pairs);
        return n;
      });
    } finally {
      this.db.pragma("foreign_keys = ON");
    }
  }
  private stmtImportReport: Database.Statement | undefined;

  /**
   * The chunk of the pair index that `reports` more imported reports go to (inside the caller's
   * transaction): the last one while it holds fewer than {@link CHUNK_REPORTS}, else a new one.
   * Imports share chunks, so many small files do not make many chunks.
   */
  private importChunk(reports: number): number {
    const last = (this.stmtLastChunk ??= this.db.prepare("SELECT id, reports FROM report_chunks WHERE id > 0 ORDER BY id DESC LIMIT 1")).get() as Row | undefined;
    if (last && Number(last.reports) < CHUNK_REPORTS) {
      (this.stmtGrowChunk ??= this.db.prepare("UPDATE report_chunks SET reports = reports + ? WHERE id = ?")).run(reports, last.id);
      return Number(last.id);
    }
    return Number((this.stmtNewChunk ??= this.db.prepare("INSERT INTO report_chunks (reports) VALUES (?)")).run(reports).lastInsertRowid);
  }
  private stmtLastChunk: Database.Statement | undefined;
  private stmtGrowChunk: Database.Statement | undefined;
  private stmtNewChunk: Database.Statement | undefined;

  /**
   * Writes a file's document row and its new events in one transaction; `reports` is given
   * which events were added (by index) and stores their reports, saying how many.
   */
  private writeImported(source: ImportSource, events: readonly PackedImported[], reports: (added: Uint8Array) => number): { added: number; existing: number; reports: number } {
    const doc = (this.stmtImportDoc ??= this.db.prepare(
      `INSERT INTO documents (id, title, author, outlet, published, source, content_type, text, chars) VALUES (?, ?, NULL, NULL, NULL, ?, 'dataset', '', 0) ON CONFLICT(id) DO NOTHING`,
    ));
    const ins = (this.stmtImported ??= this.db.prepare(
      "INSERT INTO imported_events (dataset, key, file, row, rest) VALUES (?, ?, ?, ?, ?) ON CONFLICT (dataset, key) DO NOTHING",
    ));
    const tx = this.db.transaction(() => {
      doc.run(source.id, source.title, JSON.stringify({ path: source.file }));
      // a batch names one file, or a few: each is looked up once
      const ids = new Map<string, number>();
      const fileId = (f: string | null) => {
        const path = f ?? source.file;
        let id = ids.get(path);
        if (id === undefined) {
          (this.stmtFileAdd ??= this.db.prepare("INSERT OR IGNORE INTO import_files (path) VALUES (?)")).run(path);
          id = Number(((this.stmtFileId ??= this.db.prepare("SELECT id FROM import_files WHERE path = ?")).get(path) as Row).id);
          ids.set(path, id);
        }
        return id;
      };
      const added = new Uint8Array(events.length);
      let n = 0;
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        if (ins.run(e[0], e[1], fileId(e[2]), e[3], e[4]).changes) (added[i] = 1), n++;
      }
      return { added: n, existing: events.length - n, reports: reports(added) };
    });
    try {
      return tx.immediate();
    } catch (e) {
      throw new StoreError(`could not store imported events from ${source.file} (${messageOf(e)})`, this.location, { cause: e });
    }
  }
  private stmtImported: Database.Statement | undefined;
  private stmtImportDoc: Database.Statement | undefined;
  private stmtFileAdd: Database.Statement | undefined;
  private stmtFileId: Database.Statement | undefined;

  async importedEvents(filter: ImportedFilter = {}): Promise<ImportedEvent[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.dataset) (where.push("dataset = ?"), args.push(filter.dataset));
    if (filter.actor) {
      const at = Object.values(REST_ACTOR_FIELDS).map((i) => `rest ->> ${i} = ?`);
      where.push(`(${at.join(" OR ")})`);
      args.push(...at.map(() => filter.actor));
    }
    const order = "ORDER BY dataset, length(key), key";
    if (filter.keys) {
      // in chunks, under SQLite's limit on bound parameters
      const out: ImportedEvent[] = [];
      for (let i = 0; i < filter.keys.length; i += 500) {
        const chunk = filter.keys.slice(i, i + 500);
        const w = [...where, `key IN (${chunk.map(() => "?").join(", ")})`];
        out.push(...(this.db.prepare(`SELECT e.*, f.path FROM imported_events e JOIN import_files f ON f.id = e.file WHERE ${w.join(" AND ")} ${order}`).all(...args, ...chunk) as Row[]).map(packedImportedOf));
      }
      return out;
    }
    const sql = `SELECT e.*, f.path FROM imported_events e JOIN import_files f ON f.id = e.file ${where.length ? "WHERE " + where.join(" AND ") : ""} ${order} LIMIT ? OFFSET ?`;
    return (this.db.prepare(sql).all(...args, filter.limit ?? 1000, filter.offset ?? 0) as Row[]).map(packedImportedOf);
  }

  async *importedPages(size = 1000): AsyncGenerator<ImportedEvent[]> {
    const page = this.db.prepare("SELECT e.*, f.path FROM imported_events e JOIN import_files f ON f.id = e.file WHERE (e.dataset, e.key) > (?, ?) ORDER BY e.dataset, e.key LIMIT ?");
    yield* keysetPages((after, n) => page.all(...after, n) as Row[], size, packedImportedOf);
  }

  async importedCounts(): Promise<Partial<Record<Dataset, number>>> {
    const rows = this.db.prepare("SELECT dataset, count(*) AS n FROM imported_events GROUP BY dataset ORDER BY dataset").all() as Row[];
    return Object.fromEntries(rows.map((r) => [String(r.dataset), Number(r.n)]));
  }

  async putPriors<K extends PriorKind>(kind: K, file: string, batches: AsyncIterable<readonly PriorRow<K>[]> | Iterable<readonly PriorRow<K>[]>): Promise<{ stored: number; replaced: number; duplicates: number }> {
    const { table, columns } = PRIOR_TABLES[kind];
    // one transaction over async batches: better-sqlite3's transaction() is synchronous, so
    // BEGIN and COMMIT are issued by hand (the CLI is this connection's only user meanwhile)
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const replaced = Number((this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as Row).n);
      this.db.prepare(`DELETE FROM ${table}`).run();
      const ins = this.db.prepare(`INSERT OR IGNORE INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
      let stored = 0;
      let sent = 0;
      let lo = Infinity;
      let hi = -Infinity;
      for await (const batch of batches) {
        for (const r of batch) {
          stored += ins.run(...priorValues(kind, r)).changes;
          sent++;
          if (r.year < lo) lo = r.year;
          if (r.year > hi) hi = r.year;
        }
      }
      this.db
        .prepare("INSERT INTO prior_datasets (kind, file, rows, year_from, year_to) VALUES (?, ?, ?, ?, ?) ON CONFLICT(kind) DO UPDATE SET file = excluded.file, rows = excluded.rows, year_from = excluded.year_from, year_to = excluded.year_to")
        .run(kind, file, stored, stored ? lo : null, stored ? hi : null);
      this.db.exec("COMMIT");
      return { stored, replaced, duplicates: sent - stored };
    } catch (e) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      if (!(e instanceof Database.SqliteError)) throw e;
      throw new StoreError(`could not store the ${kind} priors from ${file} (${messageOf(e)})`, this.location, { cause: e });
    }
  }

  async priorDatasets(): Promise<PriorDataset[]> {
    return (this.db.prepare("SELECT * FROM prior_datasets ORDER BY kind").all() as Row[]).map(datasetOf);
  }

  private priors<T>(q: { sql: string; args: unknown[] }, of: (r: Row) => T): T[] {
    return (this.db.prepare(q.sql).all(...q.args) as Row[]).map(of);
  }

  async unVotes(q: PriorYears & { states?: readonly string[] }): Promise<PriorRow<"unvotes">[]> {
    return this.priors(priorQueries.unVotes("sqlite", q), unVoteOf);
  }

  async atopObligations(q: PriorYears & { pair?: readonly [string, string] }): Promise<PriorRow<"atop">[]> {
    return this.priors(priorQueries.atop("sqlite", q), atopOf);
  }

  async armsTransfers(q: PriorYears & { supplier?: string; recipient?: string }): Promise<PriorRow<"sipri">[]> {
    return this.priors(priorQueries.arms("sqlite", q), armsOf);
  }

  async armsImports(q: PriorYears & { recipients?: readonly string[] }): Promise<ArmsImports[]> {
    return this.priors(priorQueries.armsImports("sqlite", q), armsImportsOf);
  }

  async dyadTrade(q: PriorYears & { pair?: readonly [string, string] }): Promise<PriorRow<"cow-trade">[]> {
    return this.priors(priorQueries.trade("sqlite", q), tradeOf);
  }

  async nationalTrade(q: PriorYears & { states?: readonly string[] }): Promise<PriorRow<"cow-trade-totals">[]> {
    return this.priors(priorQueries.totals("sqlite", q), totalsOf);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** A pair of states as one key, "a\tb" with a < b (see markDirty). */
const pairKey = (a: string, b: string) => (a < b ? `${a}\t${b}` : `${b}\t${a}`);

/**
 * A pair's reports, either way round, through the pair index (chunk, a, b): four seeks per
 * chunk, two of which find nothing (see migration 8); the arguments are {@link pairArgs}.
 */
export const PAIR_WHERE = "chunk IN (SELECT id FROM report_chunks) AND a IN (?, ?) AND b IN (?, ?) AND ((a = ? AND b = ?) OR (a = ? AND b = ?))";
export const pairArgs = (a: string, b: string) => [a, b, a, b, a, b, b, a];

/**
 * Reports imports write to the last chunk of the pair index until it holds this many or more (a
 * batch is not split): a commit then touches a few dozen index pages instead of one per pair it
 * names, and a pair's read seeks in each chunk (about 70 chunks per 5 million GDELT rows).
 */
export const CHUNK_REPORTS = 16_384;

/** An imported_events row of this store (packed, see migrations 7 and 9) → ImportedEvent. */
function packedImportedOf(r: Row): ImportedEvent {
  return unpackImported([r.dataset as Dataset, String(r.key), String(r.path), Number(r.row), String(r.rest)]);
}

/** An actors row (aliases as a JSON array) → OutActor without mentions. */
export function actorOf(r: Row): OutActor {
  return {
    id: String(r.id),
    name: String(r.name),
    type: r.type as OutActor["type"],
    country: (r.country as string | null) ?? null,
    code: (r.code as string | null) ?? null,
    role: (r.role as string | null) ?? null,
    leaning: (r.leaning as string | null) ?? null,
    aliases: JSON.parse(String(r.aliases)) as string[],
    mentions: [],
  };
}

/** The query (valid in SQLite and PostgreSQL, with `?` placeholders) for `events(filter)`. */
export function eventsSql(filter: EventFilter): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.docId) (where.push("e.doc_id = ?"), args.push(filter.docId));
  if (filter.actor) (where.push("EXISTS (SELECT 1 FROM event_actors x WHERE x.doc_id = e.doc_id AND x.event_id = e.id AND x.actor_id = ?)"), args.push(filter.actor));
  const sql = `SELECT e.doc_id, e.json FROM events e ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY e.doc_id, e.ev_start, e.id LIMIT ?`;
  return { sql, args: [...args, filter.limit ?? 1000] };
}

/** An events row (doc_id, json) → StoredEvent. */
export function storedEventOf(r: Row): StoredEvent {
  return { ...(JSON.parse(String(r.json)) as OutEvent), docId: String(r.doc_id) };
}

/** SQL (valid in SQLite and PostgreSQL) for a cluster's window label from its `month`. */
export function windowSql(by: DyadQuery["by"]): string {
  if (by === "month") return "coalesce(month, '')";
  if (by === "year") return "coalesce(substr(month, 1, 4), '')";
  if (by === "quarter") return "coalesce(substr(month, 1, 4) || '-Q' || ((CAST(substr(month, 6, 2) AS INTEGER) + 2) / 3), '')";
  return "''";
}

/** A reports row (flags as 0/1) → DyadReport. */
export function reportOf(r: Row): DyadReport {
  return {
    docId: String(r.doc_id), eventId: String(r.event_id), a: String(r.a), b: String(r.b), mutual: r.mutual === 1,
    type: String(r.type), polarity: r.polarity as DyadReport["polarity"], intensity: Number(r.intensity), modality: r.modality as DyadReport["modality"],
    confidence: Number(r.confidence), arenas: Number(r.arenas), day: (r.day as string | null) ?? null, sourceKey: String(r.source_key),
    sourceCountry: (r.source_country as string | null) ?? null, claimCountry: (r.claim_country as string | null) ?? null, textKey: String(r.text_key),
    fragility: r.fragility === 1, hedging: r.hedging === 1,
  };
}

/** A clusters row (flags as 0/1, refs as JSON) → Cluster. */
export function clusterOf(r: Row): Cluster {
  return {
    id: String(r.id), a: String(r.a), b: String(r.b), mutual: r.mutual === 1, type: String(r.type), polarity: r.polarity as Cluster["polarity"],
    day: (r.day as string | null) ?? null, month: (r.month as string | null) ?? null, arenas: Number(r.arenas), intensity: Number(r.intensity),
    modality: r.modality as Cluster["modality"], confidence: Number(r.confidence), reports: Number(r.reports), sources: Number(r.sources),
    contribution: Number(r.contribution), weight: Number(r.weight), fragility: r.fragility === 1, hedging: r.hedging === 1,
    onlySourceCountry: (r.only_source_country as string | null) ?? null, refs: JSON.parse(String(r.refs)) as string[],
  };
}

/** WHERE clause over clusters for a query: a pair (either order), an actor, a day range. */
export function clusterWhere(q: DyadQuery): { where: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.pair) (where.push("((a = ? AND b = ?) OR (a = ? AND b = ?))"), args.push(q.pair[0], q.pair[1], q.pair[1], q.pair[0]));
  if (q.actor) (where.push("(a = ? OR b = ?)"), args.push(q.actor, q.actor));
  if (q.since) (where.push("day >= ?"), args.push(q.since));
  // "2019" or "2019-06" as an upper bound takes the whole year or month
  if (q.until) (where.push("substr(day, 1, ?) <= ?"), args.push(q.until.length, q.until));
  return { where: where.length ? `WHERE ${where.join(" AND ")}` : "", args };
}

/** Grouped rows [pa, pb, window, mutual, forward, arenas, polarity, sum, weight, n] → sums per arena and "all". */
export function expandSums(rows: readonly unknown[][]): DyadSums[] {
  const acc = new Map<string, DyadSums>();
  for (const [pa, pb, win, mutual, fwd, arenas, polarity, s, w, n] of rows) {
    const direction = Number(mutual) === 1 ? "mutual" : Number(fwd) === 1 ? "ab" : "ba";
    for (const arena of ["all" as const, ...arenasOf(Number(arenas))]) {
      const k = `${pa}|${pb}|${win}|${direction}|${arena}`;
      let x = acc.get(k);
      if (!x) acc.set(k, (x = { a: String(pa), b: String(pb), window: String(win), direction, arena, sum: 0, weight: 0, clusters: 0, conflict: 0, cooperation: 0 }));
      x.sum += Number(s);
      x.weight += Number(w);
      x.clusters += Number(n);
      if (polarity === "conflict") x.conflict += Number(n);
      else x.cooperation += Number(n);
    }
  }
  return [...acc.values()];
}

/** Applies the migrations the file has not seen yet, each in its own transaction. */
function migrate(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  const done = new Set((db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((r) => r.version));
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      // another process opening the same new file may have applied it since `done` was read
      if (db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").get(m.version)) return;
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, name) VALUES (?, ?)").run(m.version, m.name);
    }).immediate();
  }
}
