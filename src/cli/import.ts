/**
 * `entente import DATASET FILE…`: events from the field's datasets into the store, then the
 * dyad index brought up to date. Data on stdout (a JSON summary), messages on stderr.
 */
import path from "node:path";
import { Argument, Command } from "commander";
import { InputError } from "../core/errors.js";
import type { RowProblem } from "../core/imported.js";
import { createIndexer } from "../app/index.js";
import { buildLexicon } from "../app/setup.js";
import { loadIndexConfig } from "../data/coding.js";
import { IMPORT_KINDS, importFile, type ImportKind, type ImportSummary } from "../interop/import.js";
import { loadInteropTables } from "../interop/tables.js";
import { createWink } from "../nlp/tokens.js";
import { out, progress, say } from "./io.js";
import { dbOption, openStore } from "./store.js";

const MB = 1 << 20;

interface ImportFlags {
  db: string;
  indexConfig?: string;
  index: boolean;
  progress?: boolean;
  worker: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Registers `entente import` on the program. */
export function importCommand(program: Command): void {
  program
    .command("import")
    .description("import events from the field's datasets into the store: GDELT 1.0 (57/58 columns) and 2.0 (61) events, GDELT 2.0 mentions (after their events), ICEWS, POLECAT, PLOVER JSON (lines or an array); .gz files are read as they are")
    .addArgument(new Argument("<dataset>", "what the files hold").choices([...IMPORT_KINDS]))
    .argument("<files...>", "data files (tab-separated, or JSON for plover; .gz allowed)")
    .addOption(dbOption())
    .option("--index-config <file>", "dyad index settings over data/analysis/index.yaml")
    .option("--no-index", "do not re-cluster the dyad index afterwards (entente dyads will)")
    .option("--progress", "show a progress bar even when stderr is not a terminal")
    .option("--no-progress", "never show a progress bar")
    .option("--no-worker", "parse in the writing thread (by default files of 8 MB and more are parsed on a second thread while this one writes)")
    .action(async (kind: ImportKind, files: string[], o: ImportFlags) => {
      const tables = loadInteropTables();
      const config = loadIndexConfig(o.indexConfig);
      const store = await openStore(o.db);
      const results: ImportSummary[] = [];
      const failures: { file: string; message: string }[] = [];
      try {
        for (const file of files) {
          const bar = progress(`import ${path.basename(file)}`, o.progress === undefined ? "auto" : o.progress ? "on" : "off");
          let shown = -1;
          try {
            results.push(
              await importFile(store, kind, file, tables, {
                ...(o.worker ? {} : { worker: false }),
                onProgress(bytes, total) {
                  const all = Math.max(1, Math.ceil(total / MB));
                  if (shown < 0) (bar.total(all), (shown = 0));
                  for (const mb = bytes >= total ? all : Math.floor(bytes / MB); shown < mb; shown++) bar.tick("MB");
                },
              }),
            );
          } catch (e) {
            // a file that cannot be read at all fails alone: what other files stored stays
            if (!(e instanceof InputError)) throw e;
            failures.push({ file, message: e.oneLine() });
            say(`entente: error: ${e.oneLine()}`);
          } finally {
            bar.stop();
          }
        }
        if (!results.length) {
          // every file failed: its one-line error is all there is to say
          process.exitCode = 1;
          return;
        }
        const pairs = o.index && results.some((r) => r.reports > 0) ? await createIndexer(buildLexicon(createWink()), config).reindex(store) : 0;
        const sum = (k: "rows" | "added" | "existing" | "uncoded" | "skipped" | "reports") => results.reduce((n, r) => n + r[k], 0);
        const problems: RowProblem[] = results.flatMap((r) => r.problems);
        out(
          JSON.stringify({
            db: store.location,
            dataset: kind,
            files: results.map((r) => ({ ...r, problems: r.problems.slice(0, 20) })),
            failed: failures,
            rows: sum("rows"),
            added: sum("added"),
            existing: sum("existing"),
            uncoded: sum("uncoded"),
            skipped: sum("skipped"),
            reports: sum("reports"),
            pairsIndexed: pairs,
            counts: await store.importedCounts(),
          }),
        );
        const first = problems.slice(0, 3).map((p) => `${p.file}:${p.row}: ${p.message}`);
        say(
          `entente: import ${kind}: ${plural(results.length, "file")}${failures.length ? ` (${failures.length} failed)` : ""}, ${plural(sum("rows"), "row")}: ` +
            `${sum("added").toLocaleString("en-US")} imported, ${sum("existing").toLocaleString("en-US")} already present, ${sum("skipped").toLocaleString("en-US")} skipped` +
            `${sum("uncoded") ? `, ${sum("uncoded").toLocaleString("en-US")} with no PLOVER event (statements)` : ""}; ${plural(sum("reports"), "dyad report")}, ${plural(pairs, "pair")} re-clustered → ${store.location}` +
            (first.length ? `\n  first problems: ${first.join("; ")}` : ""),
        );
        if (failures.length) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
