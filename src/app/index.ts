/**
 * Keeps the dyad index up to date: turns each stored analysis into reports (with the outlet's
 * independence key from the gazetteer) and re-clusters the pairs whose reports changed. The
 * store marks those pairs dirty in the same transaction as the document, so a crash between the
 * two loses nothing: the next `reindex` picks them up.
 */
import { createHash } from "node:crypto";
import { clusterReports, reportsOf, type ReportContext, type SourceInfo } from "../analysis/dyadindex.js";
import type { DyadReport } from "../core/dyad.js";
import { applyCorrections, type Correction } from "../core/correction.js";
import type { IndexConfig } from "../core/index-config.js";
import type { EntenteOutput } from "../core/output.js";
import { entryNamed, type Lexicon } from "../nlp/lexicon.js";
import type { EventStore } from "../store/contract.js";

export interface Indexer {
  readonly config: IndexConfig;
  readonly context: ReportContext;
  /** the reports of an analysis, with reviewers' corrections applied first */
  reports(out: EntenteOutput, corrections?: readonly Correction[]): DyadReport[];
  /** derives reports again from every stored analysis (for stores written before the index existed) */
  rebuildReports(store: EventStore): Promise<number>;
  /** re-clusters the pairs marked dirty (or all pairs with `all`); returns how many pairs */
  reindex(store: EventStore, opts?: { all?: boolean; onPair?: (done: number, total: number) => void }): Promise<number>;
}

const words = (s: string) => s.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];

export function createIndexer(lex: Lexicon, config: IndexConfig): Indexer {
  const memo = new Map<string, SourceInfo | null>();
  const context: ReportContext = {
    isState: (code) => lex.entries.get(code)?.source === "states",
    sourceOf(outlet) {
      if (!outlet || !outlet.trim()) return null;
      let hit = memo.get(outlet);
      if (hit !== undefined) return hit;
      // "BBC News", "Agence France-Presse (AFP)": the name, else what the brackets hold
      const bracket = /\(([^)]+)\)/.exec(outlet)?.[1];
      const e = [outlet.replace(/\([^)]*\)/g, " "), bracket].filter((x): x is string => !!x).map((x) => entryNamed(lex, words(x))).find((x) => x?.source === "media");
      hit = e ? { key: e.owner ?? `outlet:${e.id}`, country: e.country } : { key: `outlet:${outlet.trim().toLowerCase().replace(/\s+/g, " ")}`, country: null };
      memo.set(outlet, hit);
      return hit;
    },
  };
  return {
    config,
    context,
    reports: (out, corrections = []) => reportsOf(applyCorrections(out, corrections), context),
    async rebuildReports(store) {
      let n = 0;
      for (let offset = 0; ; offset += 200) {
        const docs = await store.listDocuments({ limit: 200, offset });
        if (!docs.length) break;
        for (const d of docs) {
          const out = await store.getAnalysis(d.id);
          if (!out) continue;
          const rs = reportsOf(applyCorrections(out, await store.corrections(d.id)), context);
          await store.replaceReports(d.id, rs);
          n += rs.length;
        }
      }
      return n;
    },
    async reindex(store, opts = {}) {
      // clusters hold weights: when the settings change, every pair is weighed again
      const hash = createHash("sha1").update(JSON.stringify(config)).digest("hex").slice(0, 16);
      const changed = (await store.setting("index.config")) !== hash;
      const pairs = opts.all || changed ? await store.reportPairs() : await store.dirtyPairs();
      let done = 0;
      for (const [a, b] of pairs) {
        await store.replaceClusters(a, b, clusterReports(await store.pairReports(a, b), config));
        opts.onPair?.(++done, pairs.length);
      }
      if (changed) await store.setSetting("index.config", hash);
      return pairs.length;
    },
  };
}
