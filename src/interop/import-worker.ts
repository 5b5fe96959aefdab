/**
 * The parse worker of a large import (see importFile in import.ts): reads the file, parses and
 * maps its rows in batches with {@link parseBatches}, and sends each batch to the writing thread,
 * at most `ahead` batches before the writer has taken them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { DataError, InputError } from "../core/errors.js";
import { parseBatches } from "./batches.js";
import { compileInteropTables } from "./compile-tables.js";
import type { ParseJob, ParseReply } from "./import.js";

const job = workerData as ParseJob;
const port = parentPort!;
let credits = job.ahead;
let wake: (() => void) | null = null;
port.on("message", () => {
  credits++;
  wake?.();
  wake = null;
});
const send = (m: ParseReply) => port.postMessage(m);

try {
  const { cameo, actors, ontology, states, where } = job.tables;
  const t = compileInteropTables(cameo, actors, ontology, states, where);
  for await (const batch of parseBatches(job.kind, job.file, t, job.docId, job.batch)) {
    while (credits === 0) await new Promise<void>((r) => (wake = r));
    credits--;
    send({ kind: "batch", batch });
  }
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
