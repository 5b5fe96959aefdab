/**
 * `--explain`: for each event, the sentence, the matched pattern, the actors found and every
 * decision (participants, polarity, modality, attribution, arena, date), as plain text.
 */
import type { Doc } from "../core/doc.js";
import type { CodedEvent } from "../coding/coder.js";
import type { ActorMention, DocActor } from "../nlp/actors.js";

export function explainDoc(doc: Doc): string {
  const events = ((doc.layers.events ?? []) as readonly CodedEvent[]).filter((e) => !e.untargeted);
  const mentions = (doc.layers.mentions ?? []) as readonly ActorMention[];
  const actors = new Map(((doc.layers.actors ?? []) as readonly DocActor[]).map((a) => [a.id, a]));
  const sentences = doc.layers.sentences ?? [];
  const lines: string[] = [`# ${doc.meta.title ?? "(untitled)"} — ${doc.id.slice(0, 19)}…`, `${events.length} event${events.length === 1 ? "" : "s"} in ${sentences.length} sentences`, ""];
  for (const e of events) {
    const s = sentences[e.sentence]!;
    const found = mentions
      .filter((m) => m.start >= s.start && m.end <= s.end)
      .map((m) => {
        const a = actors.get(m.actor);
        return `${doc.text.slice(m.start, m.end)} → ${m.members ? m.members.join("+") : m.actor}${a ? ` (${a.type}${a.country && a.country !== a.id ? `, ${a.country}` : ""})` : ""} [${m.rule}]`;
      });
    lines.push(`${e.id} ${e.type}${e.mode ? `:${e.mode}` : ""} ${e.source.join("+")} → ${e.target.join("+")} ${e.polarity} ${e.intensity > 0 ? "+" : ""}${e.intensity} confidence ${e.confidence}`);
    lines.push(`  sentence: ${doc.text.slice(s.start, s.end)}`);
    lines.push(`  trigger:  "${e.anchor.text}" at ${e.anchor.start}–${e.anchor.end}`);
    lines.push(`  actors:   ${found.join("; ") || "(none)"}`);
    for (const x of e.explain) lines.push(`  - ${x}`);
    lines.push("");
  }
  return lines.join("\n");
}
