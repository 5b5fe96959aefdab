/**
 * The structural-prior tables as both stores use them: one table per dataset, keyed so that a
 * pair's years and a whole year's table are range scans, and the SQL that reads them (with `?`
 * placeholders; the PostgreSQL store numbers them). `src_row` is the record's row in its file.
 */
import type { ArmsImports, PriorDataset, PriorKind, PriorRow, PriorYears, UnVoteChoice } from "../core/priors.js";

type Row = Record<string, unknown>;
export type Dialect = "sqlite" | "postgres";

/** Each dataset's table and its columns in insert order. */
export const PRIOR_TABLES: Record<PriorKind, { table: string; columns: readonly string[] }> = {
  unvotes: { table: "prior_un_votes", columns: ["year", "state", "rcid", "vote", "src_row"] },
  atop: { table: "prior_atop", columns: ["from_state", "to_state", "year", "defense", "offense", "neutrality", "non_aggression", "consultation", "src_row"] },
  sipri: { table: "prior_arms", columns: ["recipient", "year", "supplier", "tiv", "src_row"] },
  "cow-trade": { table: "prior_trade", columns: ["a", "b", "year", "a_from_b", "b_from_a", "src_row"] },
  "cow-trade-totals": { table: "prior_trade_totals", columns: ["state", "year", "imports", "exports", "src_row"] },
};

/** Votes as Voeten's codes (1 yes, 2 abstain, 3 no): a small integer per row of 870k. */
const VOTE_CODE: Record<UnVoteChoice, number> = { yes: 1, abstain: 2, no: 3 };
const VOTE_OF: readonly UnVoteChoice[] = ["yes", "yes", "abstain", "no"];
const bit = (b: boolean) => (b ? 1 : 0);

/** A record's values in its table's column order. */
export function priorValues<K extends PriorKind>(kind: K, r: PriorRow<K>): (string | number | null)[] {
  const x = r as PriorRow<PriorKind>;
  switch (kind) {
    case "unvotes": {
      const v = x as PriorRow<"unvotes">;
      return [v.year, v.state, v.rcid, VOTE_CODE[v.vote], v.row];
    }
    case "atop": {
      const v = x as PriorRow<"atop">;
      return [v.from, v.to, v.year, bit(v.defense), bit(v.offense), bit(v.neutrality), bit(v.nonAggression), bit(v.consultation), v.row];
    }
    case "sipri": {
      const v = x as PriorRow<"sipri">;
      return [v.recipient, v.year, v.supplier, v.tiv, v.row];
    }
    case "cow-trade": {
      const v = x as PriorRow<"cow-trade">;
      return [v.a, v.b, v.year, v.aFromB, v.bFromA, v.row];
    }
    default: {
      const v = x as PriorRow<"cow-trade-totals">;
      return [v.state, v.year, v.imports, v.exports, v.row];
    }
  }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const unVoteOf = (r: Row): PriorRow<"unvotes"> => ({ rcid: Number(r.rcid), year: Number(r.year), state: String(r.state), vote: VOTE_OF[Number(r.vote)]!, row: Number(r.src_row) });
export const atopOf = (r: Row): PriorRow<"atop"> => ({
  year: Number(r.year), from: String(r.from_state), to: String(r.to_state), defense: Number(r.defense) === 1, offense: Number(r.offense) === 1,
  neutrality: Number(r.neutrality) === 1, nonAggression: Number(r.non_aggression) === 1, consultation: Number(r.consultation) === 1, row: Number(r.src_row),
});
export const armsOf = (r: Row): PriorRow<"sipri"> => ({ year: Number(r.year), supplier: String(r.supplier), recipient: String(r.recipient), tiv: Number(r.tiv), row: Number(r.src_row) });
export const armsImportsOf = (r: Row): ArmsImports => ({ year: Number(r.year), recipient: String(r.recipient), tiv: Number(r.tiv) });
export const tradeOf = (r: Row): PriorRow<"cow-trade"> => ({ year: Number(r.year), a: String(r.a), b: String(r.b), aFromB: num(r.a_from_b), bFromA: num(r.b_from_a), row: Number(r.src_row) });
export const totalsOf = (r: Row): PriorRow<"cow-trade-totals"> => ({ year: Number(r.year), state: String(r.state), imports: num(r.imports), exports: num(r.exports), row: Number(r.src_row) });
export const datasetOf = (r: Row): PriorDataset => ({ kind: r.kind as PriorKind, file: String(r.file), rows: Number(r.rows), from: num(r.year_from), to: num(r.year_to) });

/** A WHERE clause and its arguments, built up condition by condition. */
export class Where {
  readonly parts: string[] = [];
  readonly args: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}
  years(q: PriorYears): this {
    if (q.from !== undefined) (this.parts.push("year >= ?"), this.args.push(q.from));
    if (q.to !== undefined) (this.parts.push("year <= ?"), this.args.push(q.to));
    return this;
  }
  eq(col: string, v: string | undefined): this {
    if (v !== undefined) (this.parts.push(`${col} = ?`), this.args.push(v));
    return this;
  }
  in(col: string, vs: readonly string[] | undefined): this {
    if (vs === undefined) return this;
    if (this.dialect === "postgres") (this.parts.push(`${col} = ANY(?::text[])`), this.args.push([...vs]));
    else (this.parts.push(`${col} IN (SELECT value FROM json_each(?))`), this.args.push(JSON.stringify(vs)));
    return this;
  }
  /** a pair in either direction of two columns */
  pair(c1: string, c2: string, p: readonly [string, string] | undefined): this {
    if (p) (this.parts.push(`((${c1} = ? AND ${c2} = ?) OR (${c1} = ? AND ${c2} = ?))`), this.args.push(p[0], p[1], p[1], p[0]));
    return this;
  }
  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(" AND ")}` : "";
  }
}

/** The reading queries, the same in both dialects but for list arguments. */
export const priorQueries = {
  unVotes: (d: Dialect, q: PriorYears & { states?: readonly string[] }) => {
    const w = new Where(d).years(q).in("state", q.states);
    return { sql: `SELECT * FROM prior_un_votes ${w.sql} ORDER BY year, state, rcid`, args: w.args };
  },
  atop: (d: Dialect, q: PriorYears & { pair?: readonly [string, string] }) => {
    const w = new Where(d).years(q).pair("from_state", "to_state", q.pair);
    return { sql: `SELECT * FROM prior_atop ${w.sql} ORDER BY year, from_state, to_state`, args: w.args };
  },
  arms: (d: Dialect, q: PriorYears & { supplier?: string; recipient?: string }) => {
    const w = new Where(d).years(q).eq("supplier", q.supplier).eq("recipient", q.recipient);
    return { sql: `SELECT * FROM prior_arms ${w.sql} ORDER BY year, supplier, recipient`, args: w.args };
  },
  armsImports: (d: Dialect, q: PriorYears & { recipients?: readonly string[] }) => {
    const w = new Where(d).years(q).in("recipient", q.recipients);
    return { sql: `SELECT year, recipient, sum(tiv) AS tiv FROM prior_arms ${w.sql} GROUP BY year, recipient ORDER BY year, recipient`, args: w.args };
  },
  trade: (d: Dialect, q: PriorYears & { pair?: readonly [string, string] }) => {
    const w = new Where(d).years(q).pair("a", "b", q.pair);
    return { sql: `SELECT * FROM prior_trade ${w.sql} ORDER BY year, a, b`, args: w.args };
  },
  totals: (d: Dialect, q: PriorYears & { states?: readonly string[] }) => {
    const w = new Where(d).years(q).in("state", q.states);
    return { sql: `SELECT * FROM prior_trade_totals ${w.sql} ORDER BY year, state`, args: w.args };
  },
};
