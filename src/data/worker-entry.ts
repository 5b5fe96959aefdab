/**
 * Where a worker thread's module is: the compiled JavaScript beside the caller; or, when running
 * from the TypeScript sources (tests), a small bootstrap that registers tsx in the worker first.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** `from` is the caller's `import.meta.url`, `name` the module's name without extension. */
export function workerEntry(from: string, name: string): { source: URL | string; eval: boolean } {
  const js = new URL(`./${name}.js`, from);
  if (existsSync(fileURLToPath(js))) return { source: js, eval: false };
  const ts = new URL(`./${name}.ts`, from).href;
  return { source: `import("tsx/esm/api").then((t) => { t.register(); return import(${JSON.stringify(ts)}); });`, eval: true };
}
