/**
 * Access to `../shared` (material others wrote, kept outside the repo) for tests. Tests that
 * need it skip with a clear message where it is absent, as on a user's fresh clone.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED = process.env.ENTENTE_SHARED ?? path.resolve(REPO, "../shared");
export const HAS_SHARED = existsSync(path.join(SHARED, "README.md"));
export const SKIP_SHARED = HAS_SHARED ? "" : `../shared is absent (looked in ${SHARED}): skipping tests that read the shared corpus`;

/** Path inside ../shared. */
export function shared(...parts: string[]): string {
  return path.join(SHARED, ...parts);
}

if (!HAS_SHARED) process.stderr.write(`note: ${SKIP_SHARED}\n`);
