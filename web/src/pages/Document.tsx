/**
 * One document as the coder read it: metadata, diagnostics, the text with actor mentions
 * (marked by type), event evidence and triggers, and the events beside it. Choosing an event
 * picks out its sentence in the text. Everything from the article is shown as text only.
 */
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { docPath, useApi } from "../api";
import { Marked, marksOf } from "../Marked";
import type { Analysis, OutEvent } from "../types";

export function DocumentPage({ id }: { id: string }) {
  const { data, error } = useApi<Analysis>(docPath(id));
  const [active, setActive] = useState<string | null>(null);

  // bring the chosen event's sentence into view
  useEffect(() => {
    if (!active) return;
    const el = [...document.querySelectorAll<HTMLElement>(".doc-text .evidence")].find((e) => (e.dataset.events ?? "").split(" ").includes(active));
    el?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [active]);

  if (error)
    return (
      <>
        <h1>Document</h1>
        <p role="alert" class="error">
          {error}
        </p>
      </>
    );
  if (!data)
    return (
      <>
        <h1>Document</h1>
        <p>Loading…</p>
      </>
    );

  const d = data.document;
  const actorName = new Map(data.actors.map((a) => [a.id, a.name]));
  const who = (ids: readonly string[]) => ids.map((x) => actorName.get(x) ?? x).join(", ") || "–";
  const types = [...new Set(data.actors.map((a) => a.type))].sort();

  return (
    <>
      <h1 data-testid="doc-title">{d.title ?? "(untitled)"}</h1>
      <dl class="meta-list">
        {d.outlet && (
          <div>
            <dt>Outlet</dt>
            <dd>{d.outlet}</dd>
          </div>
        )}
        {d.author && (
          <div>
            <dt>Author</dt>
            <dd>{d.author}</dd>
          </div>
        )}
        <div>
          <dt>Published</dt>
          <dd>{d.published ?? "unknown"}</dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{d.contentType}</dd>
        </div>
        {(d.source?.url || d.source?.path) && (
          <div>
            <dt>Source</dt>
            <dd class="wrap">{d.source.url ?? d.source.path}</dd>
          </div>
        )}
        <div>
          <dt>Id</dt>
          <dd class="wrap">
            <code>{d.id}</code>
          </dd>
        </div>
      </dl>
      <p>
        <a href={`/api/export/gold/${encodeURIComponent(d.id)}`} download data-testid="gold-link">
          Download as gold annotation (entente-gold/1 JSON)
        </a>
      </p>

      {data.diagnostics.length > 0 && (
        <section aria-labelledby="diag-h" data-testid="diagnostics">
          <h2 id="diag-h">Diagnostics ({data.diagnostics.length})</h2>
          <ul class="diagnostics">
            {data.diagnostics.map((g, i) => (
              <li key={i}>
                <code>{g.code}</code> {g.message}
                {g.start !== undefined && <span class="muted"> (at {g.start})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div class="doc-layout">
        <section aria-labelledby="text-h">
          <h2 id="text-h">Text</h2>
          <p class="legend">
            Marked:{" "}
            {types.map((t) => (
              <Fragment key={t}>
                <mark class={`actor t-${t}`}>{t}</mark>{" "}
              </Fragment>
            ))}
            {" · "}
            <span class="evidence">event evidence</span> · <strong class="trigger">trigger</strong>
          </p>
          <div class="doc-text" data-testid="doc-text">
            <Marked text={d.text} marks={marksOf(data.actors, data.events, true)} active={active} />
          </div>
        </section>
        <section aria-labelledby="events-h" class="side">
          <h2 id="events-h">Events ({data.events.length})</h2>
          {data.events.length === 0 ? (
            <p class="muted">No events were coded in this document.</p>
          ) : (
            <ol class="events" data-testid="events">
              {data.events.map((e) => (
                <EventCard key={e.id} e={e} who={who} on={active === e.id} pick={() => setActive(active === e.id ? null : e.id)} />
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}

function EventCard({ e, who, on, pick }: { e: OutEvent; who: (ids: readonly string[]) => string; on: boolean; pick: () => void }) {
  return (
    <li class={on ? "event active" : "event"} data-event={e.id}>
      <p>
        <span class="badge type">{e.type}</span> <span class={e.polarity === "cooperation" ? "coop-text" : "conf-text"}>{e.polarity}</span>{" "}
        <span class={`badge modality m-${e.modality}`}>{e.modality}</span>
        {e.corrected && <span class="badge">corrected</span>}
      </p>
      <p>
        {who(e.source)} → {who(e.target)}
      </p>
      <p class="muted">
        {e.arena.join(", ") || "no arena"} · {e.date ? `${e.date.from}${e.date.to !== e.date.from ? ` to ${e.date.to}` : ""}` : "undated"}
        {e.attributedTo && <> · according to {who([e.attributedTo])}</>} · confidence {e.confidence.toFixed(2)} · <code>{e.rule}</code>
      </p>
      <button type="button" aria-pressed={on} onClick={pick}>
        Show in text
      </button>
    </li>
  );
}
