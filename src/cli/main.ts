/**
 * The `entente` command. The only place that prints or exits: library errors arrive here typed
 * and leave as one line on stderr with a non-zero exit code, never as a stack trace.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
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
import { DEFAULT_INGEST, readInput, type IngestOptions } from "../ingest/sources.js";
import { SqliteStore } from "../store/sqlite/store.js";
import { out, progress, say, table } from "./io.js";

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

async function openStore(db: string): Promise<SqliteStore> {
  return SqliteStore.open(db);
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
      .option("--db <file>", "SQLite database file", "entente.db")
      .option("--progress", "show a progress bar even when stderr is not a terminal")
      .option("--no-progress", "never show a progress bar"),
  ).action(async (inputs: string[], o: ReadFlags & { db: string; progress?: boolean }) => {
    const analyzer = loadAnalyzer(setupOpts(o));
    const store = await openStore(o.db);
    try {
      const bar = progress("ingest", o.progress === undefined ? "auto" : o.progress ? "on" : "off");
      const s = await ingestInputs(inputs, analyzer, store, ingestOpts(o), { onStart: (n) => bar.total(n), onInput: (n) => bar.tick(path.basename(n)) });
      bar.stop();
      reportFailures(s.failures);
      say(`entente: ${s.inputs} input${s.inputs === 1 ? "" : "s"}, ${s.documents} document${s.documents === 1 ? "" : "s"}: ${s.added} added, ${s.existing} already stored, ${s.failed} failed${s.skipped ? `, ${s.skipped} non-document files passed over` : ""} → ${s.db}`);
      out(JSON.stringify(s));
      if (s.failed) process.exitCode = EXIT.input;
    } finally {
      await store.close();
    }
  });

  program
    .command("search")
    .description("full-text search over stored documents")
    .argument("<query...>", "words to look for (all must occur)")
    .option("--db <file>", "SQLite database file", "entente.db")
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
    .option("--db <file>", "SQLite database file", "entente.db")
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
