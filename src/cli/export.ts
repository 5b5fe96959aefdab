/**
 * `entente export plover|csv|graphml|gold`: the store's events as PLOVER JSON lines or
 * GDELT-like CSV (streamed, one event at a time), the dyad network as GraphML, reviewed
 * documents as `entente-gold/1`. Data on stdout or `--out FILE`, messages on stderr.
 */
import { createWriteStream, writeFileSync } from "node:fs";
import { once } from "node:events";
import { Argument, Command, InvalidArgumentError } from "commander";
import { InputError, messageOf } from "../core/errors.js";
import type { EventStore } from "../store/contract.js";
import type { Indexer } from "../app/index.js";
import { exportContext, exportEvents, dyadGraph, goldExports, type ExportFilter } from "../app/exports.js";
import { resolveState } from "../app/relations.js";
import { buildLexicon } from "../app/setup.js";
import { writeCsv, type TextSink } from "../interop/csv.js";
import { toGraphml } from "../interop/graphml.js";
import { ploverRecord, ploverTerms } from "../interop/plover.js";
import type { Lexicon } from "../nlp/lexicon.js";
import { createWink } from "../nlp/tokens.js";
import { say } from "./io.js";
import { dbOption, openStore, requireStore } from "./store.js";

const FORMATS = ["plover", "csv", "graphml", "gold"] as const;
type Format = (typeof FORMATS)[number];

interface ExportFlags {
  db: string;
  out?: string;
  actor?: string;
  since?: string;
  until?: string;
  indexConfig?: string;
}

/** What `relationContext` in main.ts gives: the store with its index brought up to date, and the lexicon. */
export type RelationContext = (o: { db: string; since?: string; until?: string; indexConfig?: string; format: string }) => Promise<{ store: EventStore; lex: Lexicon; indexer: Indexer }>;

const DATE_ARG = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const dateArg = (name: string) => (v: string) => {
  if (!DATE_ARG.test(v)) throw new InvalidArgumentError(`${name} takes a date: YYYY, YYYY-MM or YYYY-MM-DD`);
  return v;
};

/** A sink on stdout or a file that waits when the stream's buffer is full. */
function sinkTo(file: string | undefined): { sink: TextSink; end(): Promise<void> } {
  const stream: NodeJS.WritableStream = file ? createWriteStream(file) : process.stdout;
  let failure: Error | null = null;
  stream.on("error", (e: Error) => (failure = e));
  const fail = (e: Error) => new InputError("INPUT_UNREADABLE", file ?? "stdout", `cannot write it (${messageOf(e)})`);
  return {
    sink: {
      async write(chunk: string) {
        if (failure) throw fail(failure);
        if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), once(stream, "error")]);
      },
    },
    async end() {
      if (failure) throw fail(failure);
      if (file) {
        stream.end();
        await once(stream, "finish");
      }
    },
  };
}

/** `--actor`: a state by name or code, else an actor id the store knows. */
async function actorOf(store: EventStore, lex: Lexicon | null, given: string): Promise<string> {
  try {
    if (lex) return resolveState(lex, given);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
  const id = given.trim().toUpperCase();
  if ((await store.actors()).some((a) => a.id === id)) return id;
  throw new InputError("USAGE", given, "not a state or actor id in the store (give an ISO code such as IRN, a state's name, or an actor id such as KAYHAN)");
}

/** Registers `entente export` on the program; `relationContext` opens the store for the network. */
export function exportCommand(program: Command, relationContext: RelationContext): void {
  program
    .command("export")
    .description("write the store out: events as PLOVER JSON lines (plover) or GDELT-like CSV (csv), the dyad network as GraphML (graphml), reviewed documents as entente-gold/1 (gold)")
    .addArgument(new Argument("<format>", "what to write").choices([...FORMATS]))
    .argument("[docIds...]", "only these documents (plover, csv, gold; gold without ids: every reviewed document)")
    .addOption(dbOption())
    .option("-o, --out <file>", "write here instead of stdout")
    .option("--actor <state>", "only events (or pairs) with this state (ISO code or name) or actor id")
    .option("--since <date>", "from this day (YYYY, YYYY-MM or YYYY-MM-DD)", dateArg("--since"))
    .option("--until <date>", "up to this day, inclusive", dateArg("--until"))
    .option("--index-config <file>", "dyad index settings over data/analysis/index.yaml (graphml)")
    .addHelpText("after", "\nExamples:\n  entente export plover --db news.db > events.jsonl\n  entente export csv --actor Iran --since 2019 --out iran.csv\n  entente export graphml --out dyads.graphml\n  entente export gold sha256:… --out doc.gold.json")
    .action(async (format: Format, docIds: string[], o: ExportFlags) => {
      requireStore(o.db);
      if (format === "graphml") return exportGraph(o, docIds, relationContext);
      if (format === "gold") return exportGold(o, docIds);
      const store = await openStore(o.db);
      try {
        const terms = ploverTerms();
        const ctx = await exportContext(store, terms);
        const filter: ExportFilter = { since: o.since, until: o.until, ...(docIds.length ? { docIds } : {}) };
        if (o.actor) filter.actor = await actorOf(store, buildLexicon(createWink()), o.actor);
        const { sink, end } = sinkTo(o.out);
        let n = 0;
        if (format === "csv") n = await writeCsv(exportEvents(store, ctx, filter), ctx, sink);
        else {
          for await (const e of exportEvents(store, ctx, filter)) {
            await sink.write(JSON.stringify(ploverRecord(e, ctx)) + "\n");
            n++;
          }
        }
        await end();
        say(`entente: ${n} event${n === 1 ? "" : "s"} as ${format === "csv" ? "CSV" : "PLOVER JSON lines"}${o.out ? ` → ${o.out}` : ""}`);
      } finally {
        await store.close();
      }
    });
}

async function exportGraph(o: ExportFlags, docIds: readonly string[], relationContext: RelationContext): Promise<void> {
  if (docIds.length) throw new InputError("USAGE", docIds[0]!, "graphml writes the whole network; it takes no document ids (use --actor, --since, --until)");
  const { store, lex, indexer } = await relationContext({ ...o, format: "graphml" });
  try {
    const actor = o.actor ? resolveState(lex, o.actor) : undefined;
    const g = await dyadGraph(store, indexer.config, { actor, since: o.since, until: o.until }, (id) => lex.entries.get(id)?.name ?? id);
    const text = toGraphml(g);
    if (o.out) writeFileSync(o.out, text);
    else process.stdout.write(text);
    say(`entente: ${g.nodes.length} states, ${g.edges.length} pairs as GraphML${o.out ? ` → ${o.out}` : ""}`);
  } finally {
    await store.close();
  }
}

async function exportGold(o: ExportFlags, docIds: readonly string[]): Promise<void> {
  if (o.actor || o.since || o.until) throw new InputError("USAGE", "gold", "gold exports whole documents; name them by id instead of --actor, --since or --until");
  const store = await openStore(o.db);
  try {
    const ids = docIds.length ? docIds : [...new Set((await store.corrections()).flatMap((c) => ("docId" in c ? [c.docId] : [])))];
    if (!ids.length) throw new InputError("USAGE", o.db, "no reviewed documents in the store: name documents by id, or review some first (entente serve, #/review)");
    const golds = await goldExports(store, ids);
    // one document: the gold file `entente eval` reads; several: one per line
    const text = golds.length === 1 ? JSON.stringify(golds[0], null, 2) + "\n" : golds.map((g) => JSON.stringify(g)).join("\n") + "\n";
    if (o.out) writeFileSync(o.out, text);
    else process.stdout.write(text);
    say(`entente: ${golds.length} document${golds.length === 1 ? "" : "s"} as entente-gold/1${o.out ? ` → ${o.out}` : ""}`);
  } finally {
    await store.close();
  }
}
