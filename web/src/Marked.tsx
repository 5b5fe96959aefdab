/**
 * Text with highlighted spans, built only from Preact text nodes: the text comes from articles
 * and must never be parsed as HTML. Spans may overlap (a mention inside an evidence sentence,
 * a trigger inside both), so the text is cut at every span boundary and each piece is wrapped
 * by the layers that cover it: evidence outermost, then the actor mention, then the trigger.
 */
import type { ComponentChildren } from "preact";
import type { OutActor, OutEvent } from "./types";

export interface Mark {
  start: number;
  end: number;
  layer: "evidence" | "actor" | "trigger";
  /** extra classes, e.g. the actor's type */
  className?: string;
  /** a tooltip: who or what this is */
  title?: string;
  /** for evidence: the event id, so the page can point at it */
  id?: string;
}

interface Props {
  text: string;
  /** where `text` starts in the document; marks use document offsets */
  offset?: number;
  marks: readonly Mark[];
  /** the event whose evidence is picked out */
  active?: string | null;
}

export function Marked({ text, offset = 0, marks, active }: Props) {
  const end = offset + text.length;
  const inside = marks.filter((m) => m.end > offset && m.start < end && m.end > m.start);
  const cuts = new Set<number>([offset, end]);
  for (const m of inside) {
    cuts.add(Math.max(m.start, offset));
    cuts.add(Math.min(m.end, end));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const pieces: ComponentChildren[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const over = inside.filter((m) => m.start <= from && m.end >= to);
    let node: ComponentChildren = text.slice(from - offset, to - offset);
    const trigger = over.find((m) => m.layer === "trigger");
    if (trigger) node = <strong class="trigger" title={trigger.title}>{node}</strong>;
    const actor = over.find((m) => m.layer === "actor");
    if (actor) node = <mark class={`actor ${actor.className ?? ""}`} title={actor.title}>{node}</mark>;
    const evidence = over.filter((m) => m.layer === "evidence");
    if (evidence.length) {
      const ids = evidence.map((m) => m.id ?? "").join(" ");
      const on = active != null && evidence.some((m) => m.id === active);
      node = <span class={on ? "evidence active" : "evidence"} data-events={ids}>{node}</span>;
    }
    pieces.push(node);
  }
  return <>{pieces}</>;
}

/** The marks of a document's actors (by type) and, optionally, its events' evidence and triggers. */
export function marksOf(actors: readonly OutActor[], events: readonly OutEvent[], withEvidence: boolean): Mark[] {
  const out: Mark[] = [];
  for (const a of actors) {
    for (const m of a.mentions) out.push({ start: m.start, end: m.end, layer: "actor", className: `t-${a.type}`, title: `${a.name} (${a.type}${a.country ? `, ${a.country}` : ""})` });
  }
  for (const e of events) {
    if (withEvidence) out.push({ start: e.evidence.start, end: e.evidence.end, layer: "evidence", id: e.id });
    if (e.trigger) out.push({ start: e.trigger.start, end: e.trigger.end, layer: "trigger", title: `${e.type} (${e.rule})` });
  }
  return out;
}
