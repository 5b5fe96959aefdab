#!/usr/bin/env node
// The `entente` command: runs the compiled CLI (npm install builds it via `prepare`).
import { main } from "../dist/cli/main.js";

process.on("unhandledRejection", (e) => {
  process.stderr.write(`entente: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(70);
});
process.stdout.on("error", (e) => {
  // a closed pipe (`entente analyze … | head`) is not an error of ours
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
await main(process.argv);
