/**
 * The `entente` command. The only place that prints or exits: library errors arrive here typed
 * and leave as one line on stderr with a non-zero exit code, never as a stack trace.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { EntenteError, InputError, messageOf } from "../core/errors.js";
import type { EntenteOutput } from "../core/output.js";
import type { Analyzer } from "../analysis/analyze.js";
import { buildLexicon, loadAnalyzer } from "../app/setup.js";
import { loadGazetteer } from "../data/load.js";
import { importActors, importAgents } from "../data/petrarch.js";
import { createWink } from "../nlp/tokens.js";
import { formatScore, GoldSchema, scoreOutput, type Score } from "../analysis/score.js";
import { formatGsr, scorePloverGsr, type GsrRecord } from "../analysis/plover-gsr.js";
import { makeDoc } from "../core/doc.js";
import type { CodedEvent } from "../coding/coder.js";
import type { DocActor } from "../nlp/actors.js";
import { analyzeInputs, ingestInputs, type Failure } from "../app/batch.js";
import { createPool } from "../app/pool.js";
import { DEFAULT_INGEST, readInput, type IngestOptions } from "../ingest/sources.js";
import { dbOption, openStore, requireStore } from "./store.js";
import { importCommand } from "./import.js";
import { priorsCommand } from "./priors.js";
import type { EventStore } from "../store/contract.js";
import { out, progress, say, table } from "./io.js";
import { readSidecar } from "../ingest/sidecar.js";
import { createIndexer, type Indexer } from "../app/index.js";
import { loadIndexConfig, loadStructuralConfig } from "../data/coding.js";
import { priorsFor } from "../app/priors.js";
import { displayInfo, resolveState } from "../app/relations.js";
import { assess, dyadSeries, dyadTable, networkOf } from "../analysis/assess.js";
import type { Window } from "../core/dyad.js";
import type { Arena } from "../core/output.js";
import type { Lexicon } from "../nlp/lexicon.js";
import { renderHtml, renderMarkdown } from "../report/render.js";
import { exportCommand } from "./export.js";
import { buildServer, tokenHashOf } from "../server/app.js";
import { loadAssets } from "../server/assets.js";

const VERSION = "0.1.0";

/** Exit codes: 0 fine, 1 bad input or a failed item in a batch, 2 bad usage, 70 internal error. */
const EXIT = { ok: 0, input: 1, usage: 2, internal: 70 } as const;

function intOption(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive whole number`);
    return n;
  };
}

function sizeOption(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError("give a size such as 500k, 16m or 1g");
  const mult = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as "" | "k" | "m" | "g"];
  return Math.round(Number(m[1]) * mult);
}

interface ReadFlags {
  maxBytes: number;
  timeout: number;
  allowPrivate: boolean;
  dict: string[];
  patterns: string[];
  weights: string;
}

function setupOpts(o: { dict?: string[]; patterns?: string[]; weights?: string }) {
  return { dictionaries: o.dict ?? [], patterns: o.patterns ?? [], weights: o.weights };
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function readOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("--max-bytes <size>", "largest input read (e.g. 500k, 16m)").argParser(sizeOption).default(DEFAULT_INGEST.maxBytes, "16m"))
    .addOption(new Option("--timeout <ms>", "URL fetch timeout in milliseconds").argParser(intOption("--timeout")).default(DEFAULT_INGEST.timeoutMs))
    .option("--allow-private", "allow URLs on private or loopback addresses", false)
    .option("--dict <file>", "extra gazetteer file or folder (YAML/JSON), merged over ours; repeatable", collect, [])
    .option("--patterns <file>", "extra event pattern file or folder (YAML); repeatable", collect, [])
    .addOption(new Option("--weights <table>", "intensity table").choices(["plover-0.8", "gdelt", "icews"]).default("plover-0.8"));
}

function ingestOpts(f: ReadFlags): IngestOptions {
  return { maxBytes: f.maxBytes, timeoutMs: f.timeout, allowPrivate: f.allowPrivate };
}

function reportFailures(failures: readonly Failure[]): void {
  for (const f of failures) say(`entente: error: ${f.input}: ${f.message}`);
}

function eventsTable(o: EntenteOutput): string {
  const head = `${o.document.title ?? "(untitled)"}  ${o.document.published ?? ""}  ${o.document.outlet ?? ""}\n${o.document.id}\n`;
  const actors = o.actors.length
    ? table(o.actors.map((a) => [a.id, a.type, a.name, a.country, a.mentions.length]), ["actor", "type", "name", "country", "mentions"])
    : "(no actors found)";
  const events = o.events.length
    ? table(
        o.events.map((e) => [e.id, e.type, e.polarity, e.arena.join(","), `${e.source.join("+")}→${e.target.join("+")}`, e.modality, e.attributedTo, e.evidence.text]),
        ["event", "type", "polarity", "arena", "who", "modality", "says who", "evidence"],
      )
    : "(no events found)";
  return `${head}\n${actors}\n\n${events}\n`;
}

function printOutputs(outputs: EntenteOutput[], format: string, forceArray: boolean): void {
  if (format === "jsonl") for (const o of outputs) out(JSON.stringify(o));
  else if (format === "table") out(outputs.map(eventsTable).join("\n"));
  else out(JSON.stringify(outputs.length === 1 && !forceArray ? outputs[0] : outputs, null, 2));
}

function buildProgram(): Command {
  const program = new Command()
    .name("entente")
    .description("Entente reads news and analysis about relations between states and tells, with evidence for every number, how strong, how one-sided and how fragile a relationship is, and who says so.")
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  readOptions(
    program
      .command("analyze")
      .description("analyse documents and print entente/1 JSON (files, folders, http(s) URLs, or - for stdin)")
      .argument("<inputs...>", "files, folders, URLs or -")
      .addOption(new Option("-f, --format <format>", "output format").choices(["json", "jsonl", "table"]).default("json"))
      .option("--explain", "print each event's sentence, pattern, actors and decisions instead of JSON")
      .option("--progress", "show a progress bar even when stderr is not a terminal")
      .option("--no-progress", "never show a progress bar"),
  ).action(async (inputs: string[], o: ReadFlags & { format: string; progress?: boolean; explain?: boolean }) => {
    const analyzer = loadAnalyzer(setupOpts(o));
    const bar = progress("analyze", o.progress === undefined ? "auto" : o.progress ? "on" : "off");
    const r = await analyzeInputs(inputs, analyzer, ingestOpts(o), { onStart: (n) => bar.total(n), onInput: (n) => bar.tick(path.basename(n)) }, o.explain ?? false);
    bar.stop();
    reportFailures(r.failures);
    if (o.explain) {
      out(r.explanations.join("\n"));
      if (r.failures.length) process.exitCode = EXIT.input;
      return;
    }
    const several = inputs.length > 1 || r.outputs.length !== 1;
    if (r.outputs.length) printOutputs(r.outputs, o.format, several);
    if (r.failures.length) {
      say(`entente: ${r.outputs.length} document${r.outputs.length === 1 ? "" : "s"} analysed, ${r.failures.length} input${r.failures.length === 1 ? "" : "s"} failed`);
      process.exitCode = EXIT.input;
    }
  });

  readOptions(
    program
      .command("ingest")
      .description("read, analyse and store documents in the database (skips documents already stored)")
      .argument("<inputs...>", "files, folders, URLs or -")
      .addOption(dbOption())
      .option("--meta <file>", "metadata sidecar (TSV, CSV or JSON with an id column = file name without extension; title, date, outlet, author)")
      .option("--index-config <file>", "dyad index settings over data/analysis/index.yaml")
      .option("-w, --workers <n>", "analyse on N worker threads (1: in this thread)", intOption("--workers"), 1)
      .option("--progress", "show a progress bar even when stderr is not a terminal")
      .option("--no-progress", "never show a progress bar"),
  ).action(async (inputs: string[], o: ReadFlags & { db: string; progress?: boolean; meta?: string; indexConfig?: string; workers: number }) => {
    const sidecar = o.meta ? readSidecar(o.meta) : undefined;
    const config = loadIndexConfig(o.indexConfig);
    if (o.workers > 64) throw new InputError("USAGE", "--workers", `${o.workers} is too many (at most 64)`);
    // with workers, each worker loads the analyser; this thread needs only the lexicon, to index
    const analyzer = o.workers > 1 ? null : loadAnalyzer(setupOpts(o));
    const lexicon = analyzer?.lexicon ?? buildLexicon(createWink(), setupOpts(o).dictionaries);
    const store = await openStore(o.db);
    const pool = o.workers > 1 ? createPool(o.workers, setupOpts(o), config) : undefined;
    try {
      const bar = progress("ingest", o.progress === undefined ? "auto" : o.progress ? "on" : "off");
      const indexer = createIndexer(lexicon, config);
      const s = await ingestInputs(inputs, analyzer, store, ingestOpts(o), { onStart: (n) => bar.total(n), onInput: (n) => bar.tick(path.basename(n)) }, { sidecar, indexer, pool });
      bar.stop();
      reportFailures(s.failures);
      say(`entente: ${s.inputs} input${s.inputs === 1 ? "" : "s"}, ${s.documents} document${s.documents === 1 ? "" : "s"}: ${s.added} added, ${s.existing} already stored, ${s.failed} failed${s.skipped ? `, ${s.skipped} non-document files passed over` : ""}, ${s.pairsIndexed ?? 0} pair${s.pairsIndexed === 1 ? "" : "s"} re-clustered → ${s.db}`);
      out(JSON.stringify(s));
      if (s.failed) process.exitCode = EXIT.input;
    } finally {
      await pool?.close();
      await store.close();
    }
  });

  program
    .command("search")
    .description("full-text search over stored documents")
    .argument("<query...>", "words to look for (all must occur)")
    .addOption(dbOption())
    .option("-n, --limit <n>", "most hits to show", intOption("--limit"), 20)
    .addOption(new Option("-f, --format <format>", "output format").choices(["json", "table"]).default("json"))
    .action(async (query: string[], o: { db: string; limit: number; format: string }) => {
      const store = await openStore(o.db);
      try {
        const hits = await store.search(query.join(" "), { limit: o.limit });
        if (o.format === "table") out(table(hits.map((h) => [h.published, h.title, h.snippet]), ["published", "title", "match"]));
        else out(JSON.stringify(hits, null, 2));
        say(`entente: ${hits.length} hit${hits.length === 1 ? "" : "s"} for "${query.join(" ")}"`);
      } finally {
        await store.close();
      }
    });

  program
    .command("stats")
    .description("counts of what the database holds")
    .addOption(dbOption())
    .action(async (o: { db: string }) => {
      const store = await openStore(o.db);
      try {
        out(JSON.stringify({ db: store.location, ...(await store.counts()) }));
      } finally {
        await store.close();
      }
    });

  program
    .command("eval")
    .description("analyse each gold file's document and score the result against the gold (entente-gold/1)")
    .argument("[gold...]", "gold files")
    .option("--plover-gsr <file>", "score event types and actor codes on PLOVER's gold standard records (JSON)")
    .option("--output <file>", "score this entente/1 output instead of analysing the gold's document (one gold file only)")
    .option("--json", "print the scores as JSON")
    .option("--dict <file>", "extra gazetteer file or folder (YAML/JSON), merged over ours; repeatable", collect, [])
    .action(async (golds: string[], o: { output?: string; json?: boolean; dict: string[]; ploverGsr?: string }) => {
      if (o.ploverGsr) {
        const records = readJson(o.ploverGsr);
        if (!Array.isArray(records)) throw new InputError("DATA_INVALID", o.ploverGsr, "not a list of PLOVER records");
        const analyzer = loadAnalyzer(setupOpts(o));
        const score = scorePloverGsr(records as GsrRecord[], (text) => {
          const doc = analyzer.process(makeDoc(text, { title: null, author: null, outlet: null, published: null, source: { path: o.ploverGsr! }, contentType: "text" }));
          const actors = (doc.layers.actors ?? []) as readonly DocActor[];
          const events = ((doc.layers.events ?? []) as readonly CodedEvent[]).map((e) => ({ ...e, trigger: e.anchor.text }));
          return { events, country: (id: string) => actors.find((a) => a.id === id)?.country ?? id };
        });
        out(o.json ? JSON.stringify(score, null, 2) : formatGsr(score));
        if (golds.length === 0) return;
      }
      if (golds.length === 0) throw new InputError("USAGE", "eval", "give gold files, or --plover-gsr FILE");
      if (o.output && golds.length !== 1) throw new InputError("USAGE", "--output", "--output goes with exactly one gold file");
      const analyzer = o.output ? null : loadAnalyzer(setupOpts(o));
      const results: { gold: string; score: Score }[] = [];
      for (const g of golds) results.push({ gold: g, score: await evalOne(g, analyzer, o.output) });
      if (o.json) out(JSON.stringify(results.length === 1 ? results[0]!.score : results, null, 2));
      else out(results.map((r) => (results.length > 1 ? `# ${r.gold}\n` : "") + formatScore(r.score)).join("\n\n"));
    });

  relationCommands(program);
  exportCommand(program, relationContext);
  importCommand(program);
  priorsCommand(program);

  const dict = program.command("dict").description("check gazetteer files and import PETRARCH/Phoenix dictionaries");
  dict
    .command("check")
    .description("load our gazetteer with these files over it and report the first problem, or counts")
    .argument("[files...]", "gazetteer files or folders (YAML/JSON)")
    .action(async (files: string[]) => {
      const wink = createWink();
      const lex = buildLexicon(wink, files);
      const kinds: Record<string, number> = {};
      for (const e of lex.entries.values()) kinds[e.source] = (kinds[e.source] ?? 0) + 1;
      out(JSON.stringify({ ok: true, entries: lex.entries.size, forms: lex.formCount, byKind: kinds }));
    });
  dict
    .command("import")
    .description("convert a PETRARCH/Phoenix dictionary into a gazetteer file for --dict")
    .addArgument(new Argument("<format>", "dictionary format").choices(["petrarch-agents", "petrarch-actors"]))
    .argument("<file>", "the dictionary file")
    .option("-o, --out <file>", "write the YAML here instead of stdout")
    .action(async (format: string, file: string, o: { out?: string }) => {
      let text: string;
      try {
        text = readFileSync(file, "latin1");
      } catch (e) {
        throw new InputError("INPUT_MISSING", file, `cannot read it (${(e as NodeJS.ErrnoException).code ?? messageOf(e)})`);
      }
      const known = new Set<string>();
      if (format === "petrarch-agents") for (const s of loadGazetteer().data.sectors) for (const n of s.nouns) known.add(n);
      const r = format === "petrarch-agents" ? importAgents(text, file, known) : importActors(text, file);
      if (o.out) writeFileSync(o.out, r.yaml);
      else out(r.yaml);
      for (const sk of r.skipped.slice(0, 20)) say(`entente: skipped ${file}:${sk.line}: ${sk.why}`);
      say(`entente: ${r.entries} entries imported, ${r.skipped.length} lines skipped${o.out ? ` → ${o.out}` : ""}`);
    });

  return program;
}

interface RelFlags {
  db: string;
  since?: string;
  until?: string;
  indexConfig?: string;
  format: string;
}

const DATE_ARG = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function dateOption(name: string) {
  return (v: string): string => {
    if (!DATE_ARG.test(v)) throw new InvalidArgumentError(`${name} takes a date: YYYY, YYYY-MM or YYYY-MM-DD`);
    return v;
  };
}

function relOptions(cmd: Command, formats: string[]): Command {
  return cmd
    .addOption(dbOption())
    .option("--since <date>", "from this date (YYYY, YYYY-MM or YYYY-MM-DD)", dateOption("--since"))
    .option("--until <date>", "up to this date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)", dateOption("--until"))
    .option("--index-config <file>", "dyad index settings over data/analysis/index.yaml")
    .addOption(new Option("-f, --format <format>", "output format").choices(formats).default(formats[0]));
}

/** Opens an existing store read-write (to bring its index up to date) and the lexicon for names. */
async function relationContext(o: RelFlags): Promise<{ store: EventStore; lex: Lexicon; indexer: Indexer }> {
  requireStore(o.db);
  const config = loadIndexConfig(o.indexConfig);
  const lex = buildLexicon(createWink());
  const store = await openStore(o.db);
  const indexer = createIndexer(lex, config);
  // documents stored before the index existed, or a crash between storing and clustering
  if ((await store.setting("reports.complete")) === null) {
    if ((await store.counts()).events) await indexer.rebuildReports(store);
    await store.setSetting("reports.complete", "1");
  }
  await indexer.reindex(store);
  return { store, lex, indexer };
}

const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(2)}`;

function relationCommands(program: Command): void {
  relOptions(program.command("dyads").description("every pair of states with its score (−10…+10), polarity, arenas and asymmetry, from the store"), ["json", "table"])
    .option("--actor <state>", "only pairs with this state (ISO code or name)")
    .addOption(new Option("--arena <arena>", "sort and filter by this arena's score").choices(["political", "economic", "military", "security"]))
    .option("-n, --limit <n>", "most pairs to show", intOption("--limit"), 50)
    .action(async (o: RelFlags & { actor?: string; arena?: Arena; limit: number }) => {
      const { store, lex, indexer } = await relationContext(o);
      try {
        const actor = o.actor ? resolveState(lex, o.actor) : undefined;
        let rows = await dyadTable(store, { actor, since: o.since, until: o.until }, indexer.config);
        if (o.arena) rows = rows.filter((r) => r.arenas[o.arena!] !== undefined).sort((x, y) => Math.abs(y.arenas[o.arena!]!) - Math.abs(x.arenas[o.arena!]!));
        rows = rows.slice(0, o.limit);
        if (o.format === "table")
          out(table(rows.map((r) => [r.pair.join("–"), signed(r.score), r.polarity, r.clusters, `${signed(r.directed.ab)} / ${signed(r.directed.ba)}`, r.asymmetry.toFixed(2), Object.entries(r.arenas).map(([k, v]) => `${k} ${signed(v)}`).join(", ")]), ["pair", "score", "polarity", "clusters", "a→b / b→a", "asymmetry", "arenas"]));
        else out(JSON.stringify(rows, null, 2));
        say(`entente: ${rows.length} pair${rows.length === 1 ? "" : "s"}`);
      } finally {
        await store.close();
      }
    });

  relOptions(program.command("dyad").description("one pair's scores per window with a trend per arena").argument("<a>", "a state (ISO code or name)").argument("<b>", "another state"), ["json", "table"])
    .addOption(new Option("--by <window>", "window").choices(["month", "quarter", "year"]).default("month"))
    .action(async (a: string, b: string, o: RelFlags & { by: Window }) => {
      const { store, lex, indexer } = await relationContext(o);
      try {
        const [x, y] = [resolveState(lex, a), resolveState(lex, b)];
        if (x === y) throw new InputError("USAGE", b, "give two different states");
        const s = await dyadSeries(store, x, y, o.by, { since: o.since, until: o.until }, indexer.config);
        if (o.format === "table") {
          out(table(s.points.map((p) => [p.window, signed(p.score), p.clusters, signed(p.directed.ab), signed(p.directed.ba), ...(["political", "economic", "military", "security"] as const).map((ar) => (p.arenas[ar] === undefined ? "" : signed(p.arenas[ar]!)))]), ["window", "score", "clusters", `${s.pair[0]}→${s.pair[1]}`, `${s.pair[1]}→${s.pair[0]}`, "political", "economic", "military", "security"]));
          out(`\ntrend: ${Object.entries(s.trend).map(([k, t]) => `${k} ${t.slope >= 0 ? "+" : ""}${t.slope}${t.stderr === null ? "" : ` ± ${t.stderr}`} per ${o.by} (${t.direction}, ${t.windows} windows)`).join("; ")}`);
        } else out(JSON.stringify(s, null, 2));
      } finally {
        await store.close();
      }
    });

  relOptions(program.command("triads").description("the signed network: triads (balanced or not), blocs against a common adversary, and centrality"), ["json", "table"]).action(async (o: RelFlags) => {
    const { store, indexer } = await relationContext(o);
    try {
      const net = networkOf(await dyadTable(store, { since: o.since, until: o.until }, indexer.config), indexer.config);
      if (o.format === "table") {
        out(net.triads.length ? table(net.triads.map((t) => [t.members.join("–"), t.signs.map((x) => (x > 0 ? "+" : "−")).join(""), t.balanced ? "balanced" : "unbalanced", t.against.join(", ")]), ["triad", "signs", "balance", "bloc against"]) : "(no triads: too few signed pairs)");
        out("\n" + table(net.nodes.slice(0, 20).map((n) => [n.id, n.degree, n.strength, n.positive, n.negative]), ["state", "degree", "strength", "+ ties", "− ties"]));
      } else out(JSON.stringify(net, null, 2));
      say(`entente: ${net.edges.length} signed pairs, ${net.triads.length} triads`);
    } finally {
      await store.close();
    }
  });

  relOptions(program.command("report").description("an analyst's brief on one pair: verdict, scores and trends per arena, quoted evidence, fragility, hedging, triads").argument("<a>", "a state (ISO code or name)").argument("<b>", "another state"), ["md", "html", "json"])
    .addOption(new Option("--by <window>", "window of the trend chart").choices(["month", "quarter", "year"]).default("year"))
    .option("-o, --out <file>", "write the report here instead of stdout")
    .option("--structural-config <file>", "structural index settings over data/analysis/structural.yaml")
    .action(async (a: string, b: string, o: RelFlags & { by: Window; out?: string; structuralConfig?: string }) => {
      const structural = loadStructuralConfig(o.structuralConfig);
      const { store, lex, indexer } = await relationContext(o);
      try {
        const [x, y] = [resolveState(lex, a), resolveState(lex, b)];
        if (x === y) throw new InputError("USAGE", b, "give two different states");
        const priors = await priorsFor(store, x, y, structural);
        const r = await assess(store, x, y, indexer.config, { since: o.since, until: o.until, by: o.by, priors, ...displayInfo(lex, await store.actors()) });
        const text = o.format === "html" ? renderHtml(r) : o.format === "md" ? renderMarkdown(r) : JSON.stringify(r, null, 2);
        if (o.out) {
          writeFileSync(o.out, text);
          say(`entente: report → ${o.out}`);
        } else out(text);
      } finally {
        await store.close();
      }
    });

  program
    .command("serve")
    .description("run the HTTP API (and the dashboard, when built) on the store; prints the write token at first start")
    .addOption(dbOption())
    .option("--host <address>", "address to listen on (loopback unless told otherwise)", "127.0.0.1")
    .option("-p, --port <n>", "port", intOption("--port"), 8750)
    .option("--with-examples", "store the bundled examples first when the database is empty")
    .option("--new-token", "make a new write token (the old one stops working)")
    .option("--index-config <file>", "dyad index settings over data/analysis/index.yaml")
    .action(async (o: { db: string; host: string; port: number; withExamples?: boolean; newToken?: boolean; indexConfig?: string }) => {
      const { randomBytes } = await import("node:crypto");
      const analyzer = loadAnalyzer();
      const indexer = createIndexer(analyzer.lexicon, loadIndexConfig(o.indexConfig));
      const store = await openStore(o.db);
      if (o.withExamples && (await store.counts()).documents === 0) {
        const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../examples");
        const s = await ingestInputs([examples], analyzer, store, DEFAULT_INGEST, {}, { indexer });
        say(`entente: stored ${s.added} bundled example documents in ${store.location}`);
      }
      await indexer.reindex(store);
      let hash = await store.setting("api.tokenHash");
      if (!hash || o.newToken) {
        const token = randomBytes(24).toString("base64url");
        hash = tokenHashOf(token);
        await store.setSetting("api.tokenHash", hash);
        say(`entente: write token (shown once; kept hashed in ${store.location}): ${token}`);
      }
      const app = await buildServer({ store, analyzer, indexer, tokenHash: hash, assets: loadAssets() ?? undefined });
      try {
        await app.listen({ host: o.host, port: o.port });
      } catch (e) {
        await store.close();
        throw new InputError("USAGE", `${o.host}:${o.port}`, `cannot listen there (${messageOf(e)})`);
      }
      const shown = o.host.includes(":") ? `[${o.host}]` : o.host;
      say(`entente: serving ${store.location} at http://${shown}:${o.port}/ (API docs at /docs, OpenAPI at /openapi.json); Ctrl-C stops`);
      const stop = async () => {
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });

  program
    .command("reindex")
    .description("re-cluster the dyad index (pairs whose reports changed, or all with --all; --rebuild derives reports again from stored analyses)")
    .addOption(dbOption())
    .option("--all", "re-cluster every pair")
    .option("--rebuild", "derive every report again from the stored analyses first")
    .option("--index-config <file>", "dyad index settings over data/analysis/index.yaml")
    .action(async (o: { db: string; all?: boolean; rebuild?: boolean; indexConfig?: string }) => {
      requireStore(o.db);
      const indexer = createIndexer(buildLexicon(createWink()), loadIndexConfig(o.indexConfig));
      const store = await openStore(o.db);
      try {
        const reports = o.rebuild ? await indexer.rebuildReports(store) : 0;
        const pairs = await indexer.reindex(store, { all: o.all || o.rebuild });
        out(JSON.stringify({ db: store.location, reports, pairs }));
      } finally {
        await store.close();
      }
    });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? "INPUT_MISSING" : "INPUT_UNREADABLE", file, code === "ENOENT" ? "no such file" : `cannot read it (${code})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError("INPUT_UNREADABLE", file, `not valid JSON (${messageOf(e)})`);
  }
}

async function evalOne(goldFile: string, analyzer: Analyzer | null, outputFile?: string): Promise<Score> {
  const parsed = GoldSchema.safeParse(readJson(goldFile));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new InputError("DATA_INVALID", goldFile, `not an entente-gold/1 file: ${i.path.join(".") || "(root)"}: ${i.message}`);
  }
  const gold = parsed.data;
  let output: EntenteOutput;
  if (outputFile) output = readJson(outputFile) as EntenteOutput;
  else {
    const textPath = path.resolve(path.dirname(goldFile), gold.document.text);
    const docs = await readInput({ kind: "file", path: textPath, fromFolder: false }, DEFAULT_INGEST);
    output = analyzer!.analyze(docs[0]!);
  }
  return scoreOutput(gold, output);
}

/** Runs the CLI with `argv` (as process.argv). Sets `process.exitCode`; never throws. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  const override = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are exits with code 0; commander has already printed them
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (e instanceof EntenteError) {
      say(`entente: error: ${e.oneLine()}`);
      process.exitCode = e.code === "USAGE" ? EXIT.usage : EXIT.input;
    } else {
      say(`entente: internal error: ${messageOf(e).split("\n")[0]} (set ENTENTE_DEBUG=1 for details)`);
      if (process.env.ENTENTE_DEBUG) say(e instanceof Error ? (e.stack ?? "") : String(e));
      process.exitCode = EXIT.internal;
    }
  }
}
