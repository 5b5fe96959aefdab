/**
 * Reviewing the coder's output, least confident events first: each event with its sentence
 * and a small form to correct it or reject it, a form to merge two actors, and the corrections
 * made so far. Corrections are kept apart from the machine's output and applied over it.
 */
import { useState } from "preact/hooks";
import { api, authHeader, docHref, getToken, query, storeChanged, useApi } from "../api";
import { Field } from "../Field";
import { Marked } from "../Marked";
import { TokenField } from "../TokenField";
import { MODALITIES, PLOVER_TYPES, POLARITIES, type Correction, type CorrectionInput, type Modality, type Page, type Polarity, type StoredEvent } from "../types";

const STEP = 20;

async function send(c: CorrectionInput): Promise<{ correction: Correction }> {
  const r = await api<{ correction: Correction }>("/api/corrections", { method: "POST", body: JSON.stringify(c), headers: { "content-type": "application/json", ...authHeader(getToken()) } });
  storeChanged();
  return r;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** "A, B ,C" → ["A", "B", "C"] */
const ids = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
const sameIds = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);

export function ReviewPage() {
  const [limit, setLimit] = useState(STEP);
  const [made, setMade] = useState(0);
  const review = useApi<Page<StoredEvent>>(`/api/review${query({ limit })}`);
  const corrections = useApi<{ items: Correction[] }>("/api/corrections", made);
  const saved = () => setMade((n) => n + 1);

  return (
    <>
      <h1>Review events</h1>
      <p class="muted">The events the coder was least sure of come first. Corrections are stored apart from the machine's output and can be exported with each document as gold data.</p>
      <TokenField />
      <MergeForm onSaved={saved} />
      <section aria-labelledby="queue-h">
        <h2 id="queue-h">Least confident events</h2>
        {review.error && (
          <p role="alert" class="error">
            {review.error}
          </p>
        )}
        {review.data && (
          <>
            <ol class="review" data-testid="review">
              {review.data.items.map((e) => (
                <ReviewCard key={`${e.docId}#${e.id}`} e={e} onSaved={saved} />
              ))}
            </ol>
            {review.data.total > review.data.items.length && (
              <button type="button" disabled={review.loading} onClick={() => setLimit(limit + STEP)}>
                Show {Math.min(STEP, review.data.total - review.data.items.length)} more (of {review.data.total})
              </button>
            )}
          </>
        )}
        {review.loading && !review.data && <p>Loading…</p>}
      </section>
      <section aria-labelledby="made-h">
        <h2 id="made-h">Corrections made</h2>
        {corrections.data && corrections.data.items.length === 0 && <p class="muted">None yet.</p>}
        {corrections.data && corrections.data.items.length > 0 && (
          <ol class="corrections" data-testid="corrections">
            {corrections.data.items.map((c) => (
              <li key={c.id}>
                <code>#{c.id}</code> {c.action}{" "}
                {c.action === "merge-actors" ? (
                  <>
                    {c.from} into {c.into}
                  </>
                ) : (
                  <>
                    event {c.eventId} of <a href={docHref(c.docId)}>the document</a>
                    {c.action === "edit" && <span class="muted"> {JSON.stringify(c.changes)}</span>}
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function ReviewCard({ e, onSaved }: { e: StoredEvent; onSaved: () => void }) {
  const [type, setType] = useState(e.type);
  const [polarity, setPolarity] = useState<Polarity>(e.polarity);
  const [modality, setModality] = useState<Modality>(e.modality);
  const [source, setSource] = useState(e.source.join(", "));
  const [target, setTarget] = useState(e.target.join(", "));
  const [attributed, setAttributed] = useState(e.attributedTo ?? "");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rejected, setRejected] = useState(false);
  const [corrected, setCorrected] = useState(!!e.corrected);
  const uid = `ev-${e.docId.replace(/^sha256:/, "").replace(/[^a-z0-9]/gi, "").slice(0, 16)}-${e.id}`;
  const types: readonly string[] = PLOVER_TYPES.includes(e.type as (typeof PLOVER_TYPES)[number]) ? PLOVER_TYPES : [e.type, ...PLOVER_TYPES];

  const submit = async (c: CorrectionInput, done: string) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const r = await send(c);
      setStatus(`${done} (correction #${r.correction.id}).`);
      onSaved();
      return true;
    } catch (err) {
      setError(message(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (ev: Event) => {
    ev.preventDefault();
    const changes: Extract<CorrectionInput, { action: "edit" }>["changes"] = {};
    if (type !== e.type) changes.type = type;
    if (polarity !== e.polarity) changes.polarity = polarity;
    if (modality !== e.modality) changes.modality = modality;
    if (!sameIds(ids(source), e.source)) changes.source = ids(source);
    if (!sameIds(ids(target), e.target)) changes.target = ids(target);
    const who = attributed.trim() || null;
    if (who !== e.attributedTo) changes.attributedTo = who;
    if (!Object.keys(changes).length) {
      setError(null);
      return setStatus("Nothing changed: edit a field first.");
    }
    if (await submit({ action: "edit", docId: e.docId, eventId: e.id, changes }, "Saved")) setCorrected(true);
  };

  const reject = async () => {
    if (await submit({ action: "reject", docId: e.docId, eventId: e.id }, "Rejected")) setRejected(true);
  };

  const trigger = e.trigger ? [{ start: e.trigger.start, end: e.trigger.end, layer: "trigger" as const, title: e.rule }] : [];
  return (
    <li class={rejected ? "card review-card rejected" : "card review-card"} data-event={e.id} data-doc={e.docId}>
      <blockquote>
        <Marked text={e.evidence.text} offset={e.evidence.start} marks={trigger} />
      </blockquote>
      <p class="meta">
        <span class="badge type">{e.type}</span> <span class={e.polarity === "cooperation" ? "coop-text" : "conf-text"}>{e.polarity}</span>{" "}
        <span class={`badge modality m-${e.modality}`}>{e.modality}</span> {e.source.join(", ")} → {e.target.join(", ") || "–"}
        {e.attributedTo && <> · according to {e.attributedTo}</>} · confidence {e.confidence.toFixed(2)} · <code>{e.rule}</code>
        {(corrected || rejected) && <span class="badge">{rejected ? "rejected" : "corrected"}</span>} · <a href={docHref(e.docId)}>document</a>
      </p>
      <form onSubmit={save}>
        <fieldset disabled={busy || rejected}>
          <legend class="visually-hidden">Correction of event {e.id}</legend>
          <div class="row">
            <Field id={`${uid}-type`} label="Type">
              <select id={`${uid}-type`} name="type" value={type} onChange={(x) => setType(x.currentTarget.value)}>
                {types.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`${uid}-polarity`} label="Polarity">
              <select id={`${uid}-polarity`} name="polarity" value={polarity} onChange={(x) => setPolarity(x.currentTarget.value as Polarity)}>
                {POLARITIES.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`${uid}-modality`} label="Modality">
              <select id={`${uid}-modality`} name="modality" value={modality} onChange={(x) => setModality(x.currentTarget.value as Modality)}>
                {MODALITIES.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div class="row">
            <label>
              Source (actor ids, comma-separated)
              <input name="source" value={source} onInput={(x) => setSource(x.currentTarget.value)} />
            </label>
            <label>
              Target
              <input name="target" value={target} onInput={(x) => setTarget(x.currentTarget.value)} />
            </label>
            <label>
              Attributed to (empty: nobody)
              <input name="attributedTo" value={attributed} onInput={(x) => setAttributed(x.currentTarget.value)} />
            </label>
          </div>
          <div class="buttons">
            <button type="submit">Save correction</button>
            <button type="button" class="danger" onClick={reject}>
              Reject event
            </button>
          </div>
        </fieldset>
      </form>
      <p role="status" class="progress">
        {status ?? ""}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </li>
  );
}

function MergeForm({ onSaved }: { onSaved: () => void }) {
  const [from, setFrom] = useState("");
  const [into, setInto] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    setStatus(null);
    setError(null);
    try {
      const r = await send({ action: "merge-actors", from: from.trim(), into: into.trim() });
      setStatus(`Merged ${from.trim()} into ${into.trim()} (correction #${r.correction.id}).`);
      onSaved();
    } catch (err) {
      setError(message(err));
    }
  };

  return (
    <section aria-labelledby="merge-h" class="card">
      <h2 id="merge-h">Merge actors</h2>
      <form onSubmit={submit} class="row" data-testid="merge">
        <label>
          Merge actor (id)
          <input name="from" required value={from} onInput={(x) => setFrom(x.currentTarget.value)} />
        </label>
        <label>
          into actor (id)
          <input name="into" required value={into} onInput={(x) => setInto(x.currentTarget.value)} />
        </label>
        <button type="submit">Merge actors</button>
      </form>
      <p role="status" class="progress">
        {status ?? ""}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
