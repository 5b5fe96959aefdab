#!/usr/bin/env node
// Part of `npm run build`: checks our gazetteer against its schema and writes the cache that
// makes start-up fast. A bad data file fails the build here with its file, line and entry.
import { writeCache, CACHE_FILE } from "../dist/data/load.js";
import { buildLexicon } from "../dist/app/setup.js";
import { createWink } from "../dist/nlp/tokens.js";
import { loadInteropTables } from "../dist/interop/tables.js";
import { loadCrosswalk } from "../dist/interop/crosswalk.js";

try {
  const n = writeCache();
  buildLexicon(createWink()); // conflicts and duplicate ids are found when compiling
  process.stderr.write(`gazetteer: ${n} entries checked → ${CACHE_FILE}\n`);
  loadInteropTables(); // data/interop: schema, ontology types and modes, duplicate codes
  loadCrosswalk(); // data/interop/cow-iso3.yaml: schema, ISO codes, overlapping years
} catch (e) {
  process.stderr.write(`gazetteer: ${e.oneLine ? e.oneLine() : e.message}\n`);
  process.exit(1);
}
