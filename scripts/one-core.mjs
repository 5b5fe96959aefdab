#!/usr/bin/env node
// Runs a Node script pinned to one CPU core (taskset, where the system has it), so benchmark
// figures mean "one core" on any machine.
import { spawnSync } from "node:child_process";

const [script, ...args] = process.argv.slice(2);
const node = [process.execPath, "--expose-gc", script, ...args];
const hasTaskset = spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;
const cmd = hasTaskset ? ["taskset", "-c", "0", ...node] : node;
if (!hasTaskset) process.stderr.write("note: taskset not found; running unpinned\n");
const r = spawnSync(cmd[0], cmd.slice(1), { stdio: "inherit" });
process.exit(r.status ?? 1);
