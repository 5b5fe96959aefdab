/**
 * The server store: PostgreSQL through `pg`, for several processes writing at once. Same
 * semantics as the SQLite store (src/store/sqlite/store.ts), whose row mappers and SQL fragments
 * it shares. Every document is written in one transaction; rows that documents share (actors,
 * aliases, dirty pairs) are written in sorted order so that concurrent writers queue rather than
 * deadlock, and a transaction that still loses a deadlock or serialization check is retried.
 */
import pg from "pg";
import { StoreError, messageOf } from "../../core/errors.js";
import type { EntenteOutput, OutActor, OutEvent } from "../../core/output.js";
import type { CitedEvent, EventFilter, EventStore, SearchHit, StoreCounts, StoredDocument, StoredEvent } from "../contract.js";
import type { Cluster, DyadQuery, DyadReport, DyadSums } from "../../core/dyad.js";
import type { Correction, CorrectionInput } from "../../core/correction.js";
import { arenaBits, arenasOf } from "../../core/dyad.js";
import type { Dataset, ImportedDetail, ImportedEvent, ImportedFilter, ImportSource } from "../../core/imported.js";
import { firstIndexOfIds, packedEventId, unpackImported, unpackReport, type PackedImported, type PackedReport } from "../../core/imported-pack.js";
import { keysetPages } from "../keyset.js";
import { actorOf, clusterOf, clusterWhere, docOf, eventsSql, expandSums, reportOf, searchTerms, storedEventOf, windowSql } from "../sqlite/store.js";
import type { ArmsImports, PriorDataset, PriorKind, PriorRow, PriorYears } from "../../core/priors.js";
import { PRIOR_TABLES, armsImportsOf, armsOf, atopOf, datasetOf, priorQueries, priorValues, totalsOf, tradeOf, unVoteOf } from "../priors-sql.js";
import { PG_MIGRATIONS } from "./migrations.js";

type Row = Record<string, unknown>;
type Queryable = Pick<pg.PoolClient, "query">;

/** Whether `db` names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** The URL without its password (and query), for messages and `location`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${u.username}@` : "";
    return `${u.protocol}//${user}${u.host}${u.pathname}`;
  } catch {
    return "postgres://(unparseable URL)";
  }
}

/** `?` placeholders (as the SQLite store and its shared fragments write them) → `$1, $2…`. */
export function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

const RETRYABLE = new Set(["40001", "40P01"]); // serialization failure, deadlock detected
const flag = (b: boolean) => (b ? 1 : 0);
const pairOf = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

export interface PostgresOptions {
  /** schema to use (search_path), e.g. a test's own; it must exist */
  schema?: string;
  /** most connections the store opens (default 4) */
  max?: number;
}

/** PostgreSQL array types of each prior table's columns, in PRIOR_TABLES order (for unnest). */
const PG_TYPES: Record<PriorKind, readonly string[]> = {
  unvotes: ["int2", "text", "int4", "int2", "int4"],
  atop: ["text", "text", "int2", "int2", "int2", "int2", "int2", "int2", "int4"],
  sipri: ["text", "int2", "text", "float8", "int4"],
  "cow-trade": ["text", "text", "int2", "float8", "float8", "int4"],
  "cow-trade-totals": ["text", "int2", "float8", "float8", "int4"],
};

export class PostgresStore implements EventStore {
  readonly location: string;
  private readonly pool: pg.Pool;
  private closed = false;
  /** the error an idle connection reported, surfaced by the next call */
  private idleError: Error | undefined;
  /** per pair, the dirty sequence number its reports were last read at (see replaceClusters) */
  private readonly readAt = new Map<string, string>();

  private constructor(pool: pg.Pool, location: string) {
    this.pool = pool;
    this.location = location;
    pool.on("error", (e) => {
      this.idleError = e;
    });
  }

  /** Connects to the server at `url` and brings the schema up to date. */
  static async open(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
    const location = redactUrl(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.max ?? 4,
      connectionTimeoutMillis: 15_000,
      ...(opts.schema ? { options: `-c search_path=${quoteIdent(opts.schema)}` } : {}),
    });
    const store = new PostgresStore(pool, location);
    try {
      await store.migrate();
    } catch (e) {
      await pool.end();
      throw new StoreError(`cannot use the PostgreSQL store (${oneLine(e)})`, location, { cause: e });
    }
    return store;
  }

  /** Applies the migrations the schema has not seen yet, under a lock so that processes starting together migrate once. */
  private async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtext('entente.migrate'), hashtext(current_schema()))");
      await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
      const done = new Set((await c.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
      for (const m of PG_MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query(m.sql);
        await c.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      }
    });
  }

  /** One query outside a transaction; failures become StoreErrors. */
  private async q<R extends Row = Row>(sql: string, args: readonly unknown[] = []): Promise<R[]> {
    this.usable();
    try {
      return (await this.pool.query<R>(sql, args as unknown[])).rows;
    } catch (e) {
      throw new StoreError(`query failed (${oneLine(e)})`, this.location, { cause: e });
    }
  }

  private usable(): void {
    if (this.closed) throw new StoreError("the store is closed", this.location);
    if (this.idleError) throw new StoreError(`the connection failed (${oneLine(this.idleError)})`, this.location, { cause: this.idleError });
  }

  /** Runs `fn` in one transaction on one connection, again (up to 5 times) after a deadlock or serialization failure. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    this.usable();
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
      const c = await this.pool.connect();
      // a connection whose rollback failed is dropped from the pool, not handed out again
      let broken: Error | undefined;
      try {
        await c.query("BEGIN");
        const r = await fn(c);
        await c.query("COMMIT");
        return r;
      } catch (e) {
        await c.query("ROLLBACK").catch((rb: unknown) => {
          broken = rb instanceof Error ? rb : new Error(String(rb));
        });
        if (!broken && attempt < 5 && RETRYABLE.has(String((e as { code?: unknown }).code))) continue;
        throw e;
      } finally {
        c.release(broken);
      }
    }
  }

  async hasDocument(id: string): Promise<boolean> {
    return (await this.q("SELECT 1 FROM documents WHERE id = $1", [id])).length > 0;
  }

  async putAnalysis(out: EntenteOutput, reports: readonly DyadReport[] = []): Promise<boolean> {
    const d = out.document;
    try {
      return await this.tx(async (c) => {
        const ins = await c.query(
          `INSERT INTO documents (id, title, author, outlet, published, source, content_type, text, chars)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
          [d.id, d.title, d.author, d.outlet, d.published, JSON.stringify(d.source), d.contentType, d.text, d.text.length],
        );
        if (ins.rowCount === 0) return false;
        // shared rows in sorted order: concurrent documents naming the same actors wait, never deadlock
        const actors = [...out.actors].sort((x, y) => cmp(x.id, y.id));
        await c.query(
          `INSERT INTO actors (id, name, type, country, code, role, leaning)
           SELECT * FROM json_to_recordset($1::json) AS x(id text, name text, type text, country text, code text, role text, leaning text)
           ON CONFLICT (id) DO NOTHING`,
          [JSON.stringify(actors.map(({ id, name, type, country, code, role, leaning }) => ({ id, name, type, country, code, role, leaning })))],
        );
        const aliases = actors.flatMap((a) => [...new Set(a.aliases)].sort(cmp).map((alias) => ({ a: a.id, alias })));
        await c.query(
          `INSERT INTO actor_aliases (actor_id, alias) SELECT a, alias FROM json_to_recordset($1::json) AS x(a text, alias text) ON CONFLICT DO NOTHING`,
          [JSON.stringify(aliases)],
        );
        const mentions = actors.flatMap((a) => a.mentions.map((m) => ({ a: a.id, s: m.start, e: m.end })));
        await c.query(
          `INSERT INTO mentions (doc_id, actor_id, start, "end") SELECT $1, a, s, e FROM json_to_recordset($2::json) AS x(a text, s int, e int) ON CONFLICT DO NOTHING`,
          [d.id, JSON.stringify(mentions)],
        );
        await c.query(
          `INSERT INTO events (doc_id, id, type, mode, polarity, intensity, modality, negated, attributed_to, date_from, date_to, ev_start, ev_end, confidence, rule, json)
           SELECT $1, id, type, mode, polarity, intensity, modality, negated, attributed_to, date_from, date_to, ev_start, ev_end, confidence, rule, json
           FROM json_to_recordset($2::json) AS x(id text, type text, mode text, polarity text, intensity float8, modality text, negated int, attributed_to text,
                date_from text, date_to text, ev_start int, ev_end int, confidence float8, rule text, json text)`,
          [d.id, JSON.stringify(out.events.map(eventRow))],
        );
        const parties = out.events.flatMap((e) => [...e.source.map((a) => ({ e: e.id, a, s: "source" })), ...e.target.map((a) => ({ e: e.id, a, s: "target" }))]);
        await c.query(
          `INSERT INTO event_actors (doc_id, event_id, actor_id, side) SELECT $1, e, a, s FROM json_to_recordset($2::json) AS x(e text, a text, s text) ON CONFLICT DO NOTHING`,
          [d.id, JSON.stringify(parties)],
        );
        await c.query(
          `INSERT INTO diagnostics (doc_id, seq, code, message, start, "end") SELECT $1, seq, code, message, s, e FROM json_to_recordset($2::json) AS x(seq int, code text, message text, s int, e int)`,
          [d.id, JSON.stringify(out.diagnostics.map((g, seq) => ({ seq, code: g.code, message: g.message, s: g.start ?? null, e: g.end ?? null })))],
        );
        await c.query("INSERT INTO analyses (doc_id, json) VALUES ($1, $2)", [d.id, JSON.stringify({ ...out, document: { ...out.document, text: undefined } })]);
        await markDirty(c, await insertReports(c, reports));
        return true;
      });
    } catch (e) {
      throw new StoreError(`could not store ${d.id} (${oneLine(e)})`, this.location, { cause: e });
    }
  }

  async getAnalysis(id: string): Promise<EntenteOutput | null> {
    const [r] = await this.q("SELECT d.text, a.json FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE d.id = $1", [id]);
    if (!r) return null;
    const out = JSON.parse(String(r.json)) as EntenteOutput;
    out.document.text = String(r.text);
    return out;
  }

  async listDocuments(opts: { limit?: number; offset?: number } = {}): Promise<StoredDocument[]> {
    const rows = await this.q(
      "SELECT id, title, author, outlet, published, source, content_type, chars FROM documents ORDER BY published IS NULL, published, id LIMIT $1 OFFSET $2",
      [opts.limit ?? 100, opts.offset ?? 0],
    );
    return rows.map(docOf);
  }

  async search(query: string, opts: { limit?: number } = {}): Promise<SearchHit[]> {
    const terms = searchTerms(query);
    if (!terms.length) return [];
    // plainto_tsquery ANDs the words and reads no operators, like the quoted terms of the SQLite store
    const rows = await this.q(
      `WITH q AS (SELECT plainto_tsquery('simple', $1) AS q),
            hits AS (SELECT d.id, ts_rank(d.tsv, q.q) AS rank FROM documents d, q WHERE d.tsv @@ q.q ORDER BY rank DESC, d.id LIMIT $2)
       SELECT d.id, d.title, d.author, d.outlet, d.published, d.source, d.content_type, d.chars, -h.rank AS rank, left(d.text, 300) AS head, right(d.text, 300) AS tail,
              ts_headline('simple', d.text, q.q, 'StartSel=«, StopSel=», MaxWords=16, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=…') AS snippet
       FROM hits h JOIN documents d ON d.id = h.id, q ORDER BY h.rank DESC, d.id`,
      [terms.join(" "), opts.limit ?? 20],
    );
    return rows.map((r) => ({ ...docOf(r), snippet: elide(String(r.snippet), String(r.head), String(r.tail)), rank: Number(r.rank) }));
  }

  async actors(): Promise<OutActor[]> {
    const rows = await this.q(
      `SELECT a.*, coalesce((SELECT json_agg(x.alias ORDER BY x.alias) FROM actor_aliases x WHERE x.actor_id = a.id), '[]')::text AS aliases
       FROM actors a ORDER BY a.id`,
    );
    return rows.map(actorOf);
  }

  async events(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const { sql, args } = eventsSql(filter);
    return (await this.q(numbered(sql), args)).map(storedEventOf);
  }

  async counts(): Promise<StoreCounts> {
    const [r] = await this.q(
      `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM actors) AS actors,
              (SELECT count(*) FROM mentions) AS mentions, (SELECT count(*) FROM events) AS events`,
    );
    return { documents: Number(r!.documents), actors: Number(r!.actors), mentions: Number(r!.mentions), events: Number(r!.events) };
  }

  async putCorrection(c: CorrectionInput): Promise<Correction> {
    const docId = c.action === "merge-actors" ? null : c.docId;
    const eventId = c.action === "merge-actors" ? null : c.eventId;
    const [r] = await this.q("INSERT INTO corrections (action, doc_id, event_id, json) VALUES ($1, $2, $3, $4) RETURNING id", [c.action, docId, eventId, JSON.stringify(c)]);
    return { ...c, id: Number(r!.id) };
  }

  async corrections(docId?: string): Promise<Correction[]> {
    const rows =
      docId === undefined
        ? await this.q("SELECT id, json FROM corrections ORDER BY id")
        : await this.q("SELECT id, json FROM corrections WHERE doc_id = $1 OR action = 'merge-actors' ORDER BY id", [docId]);
    return rows.map((r) => ({ ...(JSON.parse(String(r.json)) as CorrectionInput), id: Number(r.id) }));
  }

  async replaceReports(docId: string, reports: readonly DyadReport[]): Promise<void> {
    try {
      await this.tx(async (c) => {
        const old = await c.query<{ a: string; b: string }>("DELETE FROM reports WHERE doc_id = $1 RETURNING a, b", [docId]);
        await markDirty(c, [...old.rows.map((r) => pairOf(r.a, r.b)), ...(await insertReports(c, reports))]);
      });
    } catch (e) {
      throw new StoreError(`could not replace the reports of ${docId} (${oneLine(e)})`, this.location, { cause: e });
    }
  }

  async setting(key: string): Promise<string | null> {
    const [r] = await this.q("SELECT value FROM settings WHERE key = $1", [key]);
    return r ? String(r.value) : null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.q("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value]);
  }

  async putReports(reports: readonly DyadReport[]): Promise<void> {
    try {
      await this.tx(async (c) => markDirty(c, await insertReports(c, reports)));
    } catch (e) {
      throw new StoreError(`could not store reports (${oneLine(e)})`, this.location, { cause: e });
    }
  }

  async pairReports(a: string, b: string): Promise<DyadReport[]> {
    // the reports and the pair's dirty mark from one snapshot: replaceClusters then knows which
    // marks the clusters it is given account for
    const [x, y] = pairOf(a, b);
    const rows = await this.q(
      `SELECT r.*, (SELECT seq FROM dirty_pairs WHERE a = $1 AND b = $2) AS dirty_seq
       FROM (SELECT 1) one LEFT JOIN reports r ON (r.a = $1 AND r.b = $2) OR (r.a = $2 AND r.b = $1)
       ORDER BY r.day NULLS FIRST, r.doc_id, r.event_id`,
      [x, y],
    );
    const seq = rows[0]?.dirty_seq;
    if (seq !== null && seq !== undefined) this.readAt.set(`${x}|${y}`, String(seq));
    return rows.filter((r) => r.doc_id !== null).map(reportOf);
  }

  async reportPairs(): Promise<[string, string][]> {
    const rows = await this.q("SELECT DISTINCT least(a, b) AS x, greatest(a, b) AS y FROM reports ORDER BY x, y");
    return rows.map((r) => [String(r.x), String(r.y)]);
  }

  async dirtyPairs(): Promise<[string, string][]> {
    const rows = await this.q("SELECT a, b FROM dirty_pairs WHERE seq > clustered ORDER BY a, b");
    return rows.map((r) => [String(r.a), String(r.b)]);
  }

  /**
   * Replaces a pair's clusters and marks it clean. When this store read the pair's reports
   * (pairReports) the clusters are taken to reflect that read: the pair is marked clean only up
   * to the mark read then (a document stored meanwhile keeps it dirty), and clusters from an
   * older read than the stored ones' are not written (another process got there with newer).
   */
  async replaceClusters(a: string, b: string, clusters: readonly Cluster[]): Promise<void> {
    const [x, y] = pairOf(a, b);
    const seen = this.readAt.get(`${x}|${y}`);
    this.readAt.delete(`${x}|${y}`);
    try {
      await this.tx(async (c) => {
        await c.query("SELECT pg_advisory_xact_lock(hashtext('entente.pair'), hashtext($1))", [`${x}|${y}`]);
        const [mark] = (await c.query<{ seq: string; clustered: string }>("SELECT seq, clustered FROM dirty_pairs WHERE a = $1 AND b = $2", [x, y])).rows;
        if (mark && seen !== undefined && BigInt(mark.clustered) > BigInt(seen)) return;
        await c.query("DELETE FROM clusters WHERE (a = $1 AND b = $2) OR (a = $2 AND b = $1)", [x, y]);
        await c.query(
          `INSERT INTO clusters (id, a, b, mutual, type, polarity, day, month, arenas, intensity, modality, confidence, reports, sources, contribution, weight, fragility, hedging, only_source_country, refs)
           SELECT * FROM json_to_recordset($1::json) AS x(id text, a text, b text, mutual int, type text, polarity text, day text, month text, arenas int, intensity float8,
                modality text, confidence float8, reports int, sources int, contribution float8, weight float8, fragility int, hedging int, only_source_country text, refs text)
           ON CONFLICT (id) DO UPDATE SET a = excluded.a, b = excluded.b, mutual = excluded.mutual, type = excluded.type, polarity = excluded.polarity, day = excluded.day,
             month = excluded.month, arenas = excluded.arenas, intensity = excluded.intensity, modality = excluded.modality, confidence = excluded.confidence,
             reports = excluded.reports, sources = excluded.sources, contribution = excluded.contribution, weight = excluded.weight, fragility = excluded.fragility,
             hedging = excluded.hedging, only_source_country = excluded.only_source_country, refs = excluded.refs`,
          [JSON.stringify(clusters.map(clusterRow))],
        );
        if (mark) await c.query("UPDATE dirty_pairs SET clustered = $3 WHERE a = $1 AND b = $2", [x, y, seen ?? mark.seq]);
      });
    } catch (e) {
      throw new StoreError(`could not store the clusters of ${a}–${b} (${oneLine(e)})`, this.location, { cause: e });
    }
  }

  async clusters(q: DyadQuery & { limit?: number } = {}): Promise<Cluster[]> {
    const { where, args } = clusterWhere(q);
    const rows = await this.q(numbered(`SELECT * FROM clusters ${where} ORDER BY day IS NULL, day, id LIMIT ?`), [...args, q.limit ?? 1_000_000]);
    return rows.map(clusterOf);
  }

  async dyadSums(q: DyadQuery = {}): Promise<DyadSums[]> {
    let { where, args } = clusterWhere(q);
    let sql = `SELECT least(a, b) AS pa, greatest(a, b) AS pb, ${windowSql(q.by)} AS win, mutual, (a < b)::int AS fwd, arenas, polarity,
                      sum(contribution) AS s, sum(weight) AS w, count(*) AS n
               FROM clusters ${where} GROUP BY a, b, win, mutual, arenas, polarity`;
    if (q.pair && !q.actor) {
      // one pair: each direction is one range of the covering index, read without the table
      // (an OR of the two directions would be a bitmap scan of the table)
      const [x, y] = pairOf(q.pair[0], q.pair[1]);
      const range = clusterWhere({ since: q.since, until: q.until });
      const and = range.where ? ` AND ${range.where.slice("WHERE ".length)}` : "";
      const half = `SELECT ?::text AS pa, ?::text AS pb, ${windowSql(q.by)} AS win, mutual, (a < b)::int AS fwd, arenas, polarity, sum(contribution), sum(weight), count(*)
                    FROM clusters WHERE a = ? AND b = ?${and} GROUP BY a, b, ${q.by ? "month, " : ""}mutual, arenas, polarity`;
      sql = `${half} UNION ALL ${half}`;
      args = [x, y, x, y, ...range.args, x, y, y, x, ...range.args];
    }
    const rows = await this.pool
      .query({ text: numbered(sql), values: args, rowMode: "array" })
      .catch((e: unknown) => {
        throw new StoreError(`query failed (${oneLine(e)})`, this.location, { cause: e });
      });
    return expandSums(rows.rows as unknown[][]);
  }

  async citedEvents(refs: readonly string[]): Promise<CitedEvent[]> {
    if (!refs.length) return [];
    const split = refs.map((ref) => [ref.slice(0, ref.lastIndexOf("#")), ref.slice(ref.lastIndexOf("#") + 1)] as const);
    const rows = await this.q(
      `SELECT e.doc_id, e.json, d.title, d.outlet, d.published
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(doc_id, event_id, i)
       JOIN events e ON e.doc_id = u.doc_id AND e.id = u.event_id JOIN documents d ON d.id = e.doc_id
       ORDER BY u.i`,
      [split.map((s) => s[0]), split.map((s) => s[1])],
    );
    return rows.map((r) => ({ ...(JSON.parse(String(r.json)) as OutEvent), docId: String(r.doc_id), title: (r.title as string | null) ?? null, outlet: (r.outlet as string | null) ?? null, published: (r.published as string | null) ?? null }));
  }

  async putImported(source: ImportSource, events: readonly ImportedEvent[], reports: readonly DyadReport[] = []): Promise<{ added: number; existing: number; reports: number }> {
    try {
      return await this.tx(async (c) => {
        await c.query(
          `INSERT INTO documents (id, title, author, outlet, published, source, content_type, text, chars) VALUES ($1, $2, NULL, NULL, NULL, $3, 'dataset', '', 0) ON CONFLICT (id) DO NOTHING`,
          [source.id, source.title, JSON.stringify({ path: source.file })],
        );
        const res = await c.query<{ dataset: string; key: string }>(
          `INSERT INTO imported_events (dataset, key, file, "row", url, day, source_name, source_code, source_country, source_id, target_name, target_code, target_country, target_id,
                                        cameo, type, mode, polarity, intensity, arenas, modality, location, mentions, detail)
           SELECT * FROM json_to_recordset($1::json) AS x(dataset text, key text, file text, "row" int, url text, day text, source_name text, source_code text, source_country text,
                source_id text, target_name text, target_code text, target_country text, target_id text, cameo text, type text, mode text, polarity text, intensity float8,
                arenas int, modality text, location text, mentions int, detail text)
           ON CONFLICT (dataset, key) DO NOTHING RETURNING dataset, key`,
          [JSON.stringify(events.map(importedRow))],
        );
        const added = new Set(res.rows.map((r) => `${r.dataset}:${r.key}`));
        const fresh = reports.filter((r) => added.has(r.eventId));
        await markDirty(c, await insertReports(c, fresh));
        return { added: added.size, existing: events.length - added.size, reports: fresh.length };
      });
    } catch (e) {
      throw new StoreError(`could not store imported events from ${source.file} (${oneLine(e)})`, this.location, { cause: e });
    }
  }

  async putImportedBatch(source: ImportSource, events: readonly PackedImported[], reports: readonly PackedReport[]): Promise<{ added: number; existing: number; reports: number }> {
    // a report counts with the event it names by index: the reports of a key's second copy in
    // the batch, which is not stored, are left out as the SQLite store leaves them
    const first = firstIndexOfIds(events.map(packedEventId));
    const own = reports.filter((r) => first.get(packedEventId(events[r[0]]!)) === r[0]);
    return this.putImported(source, events.map((e) => unpackImported(e, source.file)), own.map((r) => unpackReport(r, source.id, events)));
  }

  async importedEvents(filter: ImportedFilter = {}): Promise<ImportedEvent[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.dataset) (where.push("dataset = ?"), args.push(filter.dataset));
    if (filter.actor) (where.push("(source_id = ? OR target_id = ? OR source_country = ? OR target_country = ?)"), args.push(filter.actor, filter.actor, filter.actor, filter.actor));
    if (filter.keys) (where.push("key = ANY(?::text[])"), args.push(filter.keys));
    const page = filter.keys ? "" : "LIMIT ? OFFSET ?";
    if (!filter.keys) args.push(filter.limit ?? 1000, filter.offset ?? 0);
    const rows = await this.q(numbered(`SELECT * FROM imported_events ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY dataset, length(key), key ${page}`), args);
    return rows.map(importedOf);
  }

  async putPriors<K extends PriorKind>(kind: K, file: string, batches: AsyncIterable<readonly PriorRow<K>[]> | Iterable<readonly PriorRow<K>[]>): Promise<{ stored: number; replaced: number; duplicates: number }> {
    const { table, columns } = PRIOR_TABLES[kind];
    const types = PG_TYPES[kind];
    // the batches are consumed once, so a failed transaction is not retried
    this.usable();
    const c = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await c.query("BEGIN");
      // one importer at a time per dataset; readers keep seeing the old rows until COMMIT
      await c.query("SELECT pg_advisory_xact_lock(hashtext('entente.priors'), hashtext($1))", [kind]);
      const replaced = (await c.query(`DELETE FROM ${table}`)).rowCount ?? 0;
      let stored = 0;
      let sent = 0;
      let lo = Infinity;
      let hi = -Infinity;
      for await (const batch of batches) {
        for (let i = 0; i < batch.length; i += 5000) {
          const part = batch.slice(i, i + 5000);
          const cols: unknown[][] = columns.map(() => []);
          for (const r of part) {
            const v = priorValues(kind, r);
            for (let j = 0; j < v.length; j++) cols[j]!.push(v[j]);
            if (r.year < lo) lo = r.year;
            if (r.year > hi) hi = r.year;
          }
          const res = await c.query(
            `INSERT INTO ${table} (${columns.join(", ")}) SELECT * FROM unnest(${types.map((t, j) => `$${j + 1}::${t}[]`).join(", ")}) ON CONFLICT DO NOTHING`,
            cols,
          );
          stored += res.rowCount ?? 0;
          sent += part.length;
        }
      }
      await c.query(
        `INSERT INTO prior_datasets (kind, file, rows, year_from, year_to) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind) DO UPDATE SET file = excluded.file, rows = excluded.rows, year_from = excluded.year_from, year_to = excluded.year_to`,
        [kind, file, stored, stored ? lo : null, stored ? hi : null],
      );
      await c.query("COMMIT");
      return { stored, replaced, duplicates: sent - stored };
    } catch (e) {
      await c.query("ROLLBACK").catch((rb: unknown) => {
        broken = rb instanceof Error ? rb : new Error(String(rb));
      });
      if (!(e instanceof pg.DatabaseError)) throw e;
      throw new StoreError(`could not store the ${kind} priors from ${file} (${oneLine(e)})`, this.location, { cause: e });
    } finally {
      c.release(broken);
    }
  }

  async priorDatasets(): Promise<PriorDataset[]> {
    return (await this.q("SELECT * FROM prior_datasets ORDER BY kind")).map(datasetOf);
  }

  private async priors<T>(q: { sql: string; args: unknown[] }, of: (r: Row) => T): Promise<T[]> {
    return (await this.q(numbered(q.sql), q.args)).map(of);
  }

  async unVotes(q: PriorYears & { states?: readonly string[] }): Promise<PriorRow<"unvotes">[]> {
    return this.priors(priorQueries.unVotes("postgres", q), unVoteOf);
  }

  async atopObligations(q: PriorYears & { pair?: readonly [string, string] }): Promise<PriorRow<"atop">[]> {
    return this.priors(priorQueries.atop("postgres", q), atopOf);
  }

  async armsTransfers(q: PriorYears & { supplier?: string; recipient?: string }): Promise<PriorRow<"sipri">[]> {
    return this.priors(priorQueries.arms("postgres", q), armsOf);
  }

  async armsImports(q: PriorYears & { recipients?: readonly string[] }): Promise<ArmsImports[]> {
    return this.priors(priorQueries.armsImports("postgres", q), armsImportsOf);
  }

  async dyadTrade(q: PriorYears & { pair?: readonly [string, string] }): Promise<PriorRow<"cow-trade">[]> {
    return this.priors(priorQueries.trade("postgres", q), tradeOf);
  }

  async nationalTrade(q: PriorYears & { states?: readonly string[] }): Promise<PriorRow<"cow-trade-totals">[]> {
    return this.priors(priorQueries.totals("postgres", q), totalsOf);
  }

  async *importedPages(size = 1000): AsyncGenerator<ImportedEvent[]> {
    yield* keysetPages((after, n) => this.q("SELECT * FROM imported_events WHERE (dataset, key) > ($1, $2) ORDER BY dataset, key LIMIT $3", [...after, n]), size, importedOf);
  }

  async importedCounts(): Promise<Partial<Record<Dataset, number>>> {
    const rows = await this.q("SELECT dataset, count(*) AS n FROM imported_events GROUP BY dataset ORDER BY dataset");
    return Object.fromEntries(rows.map((r) => [String(r.dataset), Number(r.n)]));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Inserts reports in the caller's transaction (a report already stored is kept); returns the pairs of those inserted. */
async function insertReports(c: Queryable, reports: readonly DyadReport[]): Promise<[string, string][]> {
  if (!reports.length) return [];
  const rows = reports.map((r) => ({ ...r, mutual: flag(r.mutual), fragility: flag(r.fragility), hedging: flag(r.hedging) }));
  const res = await c.query<{ a: string; b: string }>(
    `INSERT INTO reports (doc_id, event_id, a, b, mutual, type, polarity, intensity, modality, confidence, arenas, day, source_key, source_country, claim_country, text_key, fragility, hedging)
     SELECT * FROM json_to_recordset($1::json) AS x("docId" text, "eventId" text, a text, b text, mutual int, type text, polarity text, intensity float8, modality text,
          confidence float8, arenas int, day text, "sourceKey" text, "sourceCountry" text, "claimCountry" text, "textKey" text, fragility int, hedging int)
     ON CONFLICT DO NOTHING RETURNING a, b`,
    [JSON.stringify(rows)],
  );
  return res.rows.map((r) => pairOf(r.a, r.b));
}

/** Marks pairs dirty, in sorted order (so that concurrent writers lock them in the same order). */
async function markDirty(c: Queryable, pairs: readonly [string, string][]): Promise<void> {
  const keys = [...new Set(pairs.map(([a, b]) => `${a}\u0000${b}`))].sort(cmp).map((k) => k.split("\u0000") as [string, string]);
  if (!keys.length) return;
  // nextval in DO UPDATE runs once the row is locked, so a pair's seq grows in commit order
  await c.query(
    `INSERT INTO dirty_pairs (a, b, seq) SELECT x, y, nextval('dirty_pairs_seq') FROM unnest($1::text[], $2::text[]) AS u(x, y)
     ON CONFLICT (a, b) DO UPDATE SET seq = nextval('dirty_pairs_seq')`,
    [keys.map((k) => k[0]), keys.map((k) => k[1])],
  );
}

function importedRow(e: ImportedEvent) {
  const s = e.source;
  const t = e.target;
  return {
    dataset: e.dataset, key: e.key, file: e.file, row: e.row, url: e.url, day: e.date, source_name: s.name, source_code: s.code, source_country: s.country, source_id: s.id,
    target_name: t.name, target_code: t.code, target_country: t.country, target_id: t.id, cameo: e.cameo, type: e.type, mode: e.mode, polarity: e.polarity,
    intensity: e.intensity, arenas: arenaBits(e.arena), modality: e.modality, location: e.location, mentions: e.mentions,
    detail: e.detail ? JSON.stringify(e.detail) : null,
  };
}

function eventRow(e: OutEvent) {
  return {
    id: e.id, type: e.type, mode: e.mode, polarity: e.polarity, intensity: e.intensity, modality: e.modality, negated: flag(e.negated),
    attributed_to: e.attributedTo, date_from: e.date?.from ?? null, date_to: e.date?.to ?? null, ev_start: e.evidence.start, ev_end: e.evidence.end,
    confidence: e.confidence, rule: e.rule, json: JSON.stringify(e),
  };
}

function clusterRow(c: Cluster) {
  return {
    id: c.id, a: c.a, b: c.b, mutual: flag(c.mutual), type: c.type, polarity: c.polarity, day: c.day, month: c.month, arenas: c.arenas, intensity: c.intensity,
    modality: c.modality, confidence: c.confidence, reports: c.reports, sources: c.sources, contribution: c.contribution, weight: c.weight,
    fragility: flag(c.fragility), hedging: flag(c.hedging), only_source_country: c.onlySourceCountry, refs: JSON.stringify(c.refs),
  };
}

/** A headline with whitespace folded and, like SQLite's snippets, "…" where it cuts the text short. */
function elide(snippet: string, head: string, tail: string): string {
  const fold = (x: string) => x.replace(/\s+/g, " ").trim();
  const s = fold(snippet);
  const plain = s.replace(/[«»]/g, "");
  const starts = fold(head).startsWith(plain.slice(0, 40));
  const ends = fold(tail).endsWith(plain.slice(-40));
  return `${starts ? "" : "…"}${s}${ends ? "" : "…"}`;
}

/** Byte-order comparison, as the schema's `COLLATE "C"` orders (ids are ASCII). */
function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A pg error on one line, with its SQLSTATE when it has one. */
function oneLine(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const msg = messageOf(e).replace(/\s*\n\s*/g, " ");
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? `${msg} [${code}]` : msg;
}

/** An imported_events row (one column a field) → ImportedEvent. */
function importedOf(r: Row): ImportedEvent {
  const s = (k: string) => (r[k] as string | null) ?? null;
  return {
    dataset: r.dataset as Dataset, key: String(r.key), file: String(r.file), row: Number(r.row), url: s("url"), date: s("day"),
    source: { name: s("source_name"), code: s("source_code"), country: s("source_country"), id: s("source_id") },
    target: { name: s("target_name"), code: s("target_code"), country: s("target_country"), id: s("target_id") },
    cameo: s("cameo"), type: String(r.type), mode: s("mode"), polarity: r.polarity as ImportedEvent["polarity"], intensity: Number(r.intensity),
    arena: arenasOf(Number(r.arenas)), modality: r.modality as ImportedEvent["modality"], location: s("location"),
    mentions: r.mentions === null ? null : Number(r.mentions),
    // JSON text in SQLite; a driver that parses JSON columns gives the object
    ...(r.detail === null || r.detail === undefined ? {} : { detail: (typeof r.detail === "string" ? JSON.parse(r.detail) : r.detail) as ImportedDetail }),
  };
}
