/**
 * `entente priors import KIND FILE`: a structural-prior dataset (UN votes, ATOP, SIPRI TIV, COW
 * trade and national totals) into the store, replacing an earlier import of the same dataset.
 * A JSON summary on stdout; a progress bar and a closing line on stderr.
 */
import path from "node:path";
import { Argument, Command } from "commander";
import { PRIOR_KINDS, type PriorKind } from "../core/priors.js";
import { loadCrosswalk } from "../interop/crosswalk.js";
import { importPriors } from "../interop/priors.js";
import { out, progress, say } from "./io.js";
import { dbOption, openStore } from "./store.js";

const MB = 1 << 20;

interface PriorsFlags {
  db: string;
  rollCalls?: string;
  progress?: boolean;
}

const n = (x: number) => x.toLocaleString("en-US");

/** Registers `entente priors` on the program. */
export function priorsCommand(program: Command): void {
  const priors = program.command("priors").description("structural priors: slow ties between states from the field's datasets (UN votes, ATOP, SIPRI, COW trade)");
  priors
    .command("import")
    .description(
      "import one prior dataset, replacing an earlier import of it: unvotes (un_votes.csv[.gz], with --roll-calls un_roll_calls.csv for the years), atop (directed dyad-years), sipri (TIV; states only), cow-trade (dyadic), cow-trade-totals (national); country codes through data/interop/cow-iso3.yaml",
    )
    .addArgument(new Argument("<dataset>", "what the file holds").choices([...PRIOR_KINDS]))
    .argument("<file>", "CSV with a header (.gz allowed)")
    .option("--roll-calls <file>", "unvotes: the roll-call file (rcid, date) giving each vote's year")
    .addOption(dbOption())
    .option("--progress", "show a progress bar even when stderr is not a terminal")
    .option("--no-progress", "never show a progress bar")
    .action(async (kind: PriorKind, file: string, o: PriorsFlags) => {
      const cw = loadCrosswalk();
      const store = await openStore(o.db);
      const bar = progress(`priors ${path.basename(file)}`, o.progress === undefined ? "auto" : o.progress ? "on" : "off");
      let shown = -1;
      try {
        const s = await importPriors(store, kind, file, cw, {
          ...(o.rollCalls ? { rollCalls: o.rollCalls } : {}),
          onProgress(bytes, total) {
            const all = Math.max(1, Math.ceil(total / MB));
            if (shown < 0) (bar.total(all), (shown = 0));
            for (const mb = bytes >= total ? all : Math.floor(bytes / MB); shown < mb; shown++) bar.tick("MB");
          },
        });
        bar.stop();
        out(JSON.stringify({ db: store.location, ...s, problems: s.problems.slice(0, 20) }));
        const reasons = Object.entries(s.skippedBy).map(([k, v]) => `${k} ${n(v)}`).join(", ");
        const first = s.problems.slice(0, 3).map((p) => `row ${p.row}: ${p.message}`);
        say(
          `entente: priors import ${kind}: ${n(s.rows)} rows: ${n(s.imported)} imported${s.years ? ` (${s.years[0]}–${s.years[1]})` : ""}, ${n(s.skipped)} skipped${reasons ? ` (${reasons})` : ""}, ${n(s.replaced)} replaced → ${store.location}` +
            (first.length ? `\n  first problems: ${first.join("; ")}` : ""),
        );
      } finally {
        bar.stop();
        await store.close();
      }
    });
}
