/** Runs the built `entente` command as a user would, for end-to-end tests. */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { REPO } from "./shared.js";

export const BIN = path.join(REPO, "bin/entente.js");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `entente ARGS` synchronously. */
export function entente(args: readonly string[], opts: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? REPO,
    input: opts.input ?? "",
    env: { ...process.env, TZ: "UTC", ...opts.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

/** Runs `entente ARGS` asynchronously (for servers and for killing midway). */
export function ententeSpawn(args: readonly string[], cwd = REPO) {
  return spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, TZ: "UTC" }, stdio: ["ignore", "pipe", "pipe"] });
}
