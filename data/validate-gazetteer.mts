// Checks gazetteer YAML files against the schema: npx tsx data/validate-gazetteer.mts data/gazetteer/FILE.yaml …
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { GazetteerFile, ENTRY_SCHEMA } from "../src/core/gazetteer-schema.ts";
let bad = 0;
for (const f of process.argv.slice(2)) {
  const doc = GazetteerFile.safeParse(parse(readFileSync(f, "utf8")));
  if (!doc.success) { console.log(`${f}: ${doc.error.issues[0]!.message}`); bad++; continue; }
  const schema = ENTRY_SCHEMA[doc.data.kind];
  const ids = new Set<string>();
  doc.data.entries.forEach((e, i) => {
    const r = schema.safeParse(e);
    if (!r.success) { bad++; console.log(`${f}: entry ${i} (${(e as { id?: string }).id ?? "?"}): ${r.error.issues.map((x) => x.path.join(".") + ": " + x.message).join("; ")}`); return; }
    const id = (r.data as { id: string }).id;
    if (ids.has(id)) { bad++; console.log(`${f}: duplicate id ${id}`); }
    ids.add(id);
  });
  console.log(`${f}: ${doc.data.entries.length} entries (${doc.data.kind})`);
}
process.exit(bad ? 1 : 0);
