/**
 * Evidence sentences as the analyst reads them: the sentence with its actors and trigger
 * marked, then the event type, polarity, modality, date, outlet and leaning, who says so, and a
 * link to the document. Marks need the document's offsets, so the documents an evidence list
 * cites are fetched once per list; until they arrive the sentence shows unmarked.
 */
import { useEffect, useState } from "preact/hooks";
import { api, docHref, docPath, splitRef } from "./api";
import { Marked, marksOf } from "./Marked";
import type { Analysis, Evidence } from "./types";

/** The analyses of the documents some evidence cites, filled in as they arrive. */
export function useDocuments(refs: readonly string[]): ReadonlyMap<string, Analysis> {
  const [docs, setDocs] = useState<ReadonlyMap<string, Analysis>>(new Map());
  const ids = [...new Set(refs.map((r) => splitRef(r).docId))].sort().join("\n");
  useEffect(() => {
    let live = true;
    for (const id of ids ? ids.split("\n") : []) {
      api<Analysis>(docPath(id)).then(
        (a) => live && setDocs((m) => new Map(m).set(id, a)),
        () => undefined, // the sentence is still shown, just without marks
      );
    }
    return () => {
      live = false;
    };
  }, [ids]);
  return docs;
}

export function EvidenceList({ items, docs, label }: { items: readonly Evidence[]; docs: ReadonlyMap<string, Analysis>; label?: string }) {
  if (!items.length) return <p class="muted">None.</p>;
  return (
    <ul class="evidence-list" aria-label={label}>
      {items.map((ev) => (
        <EvidenceItem key={ev.ref} ev={ev} doc={docs.get(splitRef(ev.ref).docId) ?? null} />
      ))}
    </ul>
  );
}

function EvidenceItem({ ev, doc }: { ev: Evidence; doc: Analysis | null }) {
  const { docId, eventId } = splitRef(ev.ref);
  const event = doc?.events.find((e) => e.id === eventId);
  // marks only when the stored sentence is exactly the document's text at the event's offsets
  const aligned = event && doc!.document.text.slice(event.evidence.start, event.evidence.end) === ev.text;
  const speaker = ev.attributedTo ? (doc?.actors.find((a) => a.id === ev.attributedTo)?.name ?? ev.attributedTo) : null;
  return (
    <li class="evidence-item" data-ref={ev.ref}>
      <blockquote>{aligned ? <Marked text={ev.text} offset={event.evidence.start} marks={marksOf(doc!.actors, [event], false)} /> : ev.text}</blockquote>
      <p class="meta">
        <span class="badge type">{ev.type}</span> <span class={ev.polarity === "cooperation" ? "coop-text" : "conf-text"}>{ev.polarity}</span>{" "}
        <span class={`badge modality m-${ev.modality}`} title="modality: how the text puts it">
          {ev.modality}
        </span>{" "}
        {ev.arena.length > 0 && <span class="muted">{ev.arena.join(", ")} · </span>}
        {ev.date ?? "undated"} · {ev.outlet ?? "unknown outlet"}
        {ev.leaning && <span class="muted"> ({ev.leaning})</span>}
        {speaker && (
          <>
            {" "}
            · according to {speaker}
            {ev.speakerLeaning && <span class="muted"> ({ev.speakerLeaning})</span>}
          </>
        )}{" "}
        · <a href={docHref(docId)}>{ev.title ?? "the document"}</a>
      </p>
    </li>
  );
}
