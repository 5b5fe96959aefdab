/**
 * The parse worker of a large import (see importFile in import.ts): reads the file, parses and
 * maps its rows in batches with a {@link BatchParser}, and sends each batch to the writing thread,
 * at most `ahead` batches before the writer has taken them. Past the header, it lends the writer
 * a batch's lines to parse itself when the writer has waited with nothing on its way (`job.lend`).
 */
import { parentPort, workerData } from "node:worker_threads";
import { DataError, InputError } from "../core/errors.js";
import { BatchParser, HUNGRY, SENT } from "./batches.js";
import { compileTableInputs } from "./compile-tables.js";
import type { ParseJob, ParseReply } from "./import.js";
import { readLines } from "./lines.js";

const job = workerData as ParseJob;
const port = parentPort!;
let credits = job.ahead;
let wake: (() => void) | null = null;
port.on("message", () => {
  credits++;
  wake?.();
  wake = null;
});
const shared = new Int32Array(job.shared);
const send = (m: ParseReply) => {
  Atomics.add(shared, SENT, 1);
  port.postMessage(m);
};

try {
  // as the writer compiles them for the batches it is lent
  const t = compileTableInputs(job.tables);
  const parser = new BatchParser(job.kind, job.file, t, job.docId);
  for await (const lines of readLines(job.file, { batch: job.batch })) {
    while (credits === 0) await new Promise<void>((r) => (wake = r));
    credits--;
    // past the header, a batch may be lent to the writer (see Lend in import.ts)
    const lent = parser.pastHeader && (job.lend === "all" || (job.lend === "idle" && Atomics.exchange(shared, HUNGRY, 0) === 1));
    if (lent) send({ kind: "lines", lines: lines.lines, first: lines.first, bytesRead: lines.bytesRead, header: parser.headerLine });
    else send({ kind: "batch", batch: parser.parse(lines) });
  }
  parser.finish();
  send({ kind: "done" });
} catch (e) {
  const typed = e instanceof InputError ? ("InputError" as const) : e instanceof DataError ? ("DataError" as const) : null;
  send({
    kind: "failed",
    typed: typed && (e as InputError).input !== undefined ? { name: typed, code: (e as InputError).code, input: (e as InputError).input!, message: (e as Error).message } : null,
    message: (e as Error).message,
  });
}
port.unref();
