/**
 * One pair of states: the verdict, the figures (score, asymmetry, each side's score), the score
 * over time per arena with its trend, what makes the relationship fragile, who hedges, and the
 * evidence behind it all, sentence by sentence.
 */
import { useState } from "preact/hooks";
import { query, signed, useApi } from "../api";
import { EvidenceList, useDocuments } from "../Evidence";
import { ScoreChart } from "../ScoreChart";
import { StructuralSection } from "../Structural";
import type { Arena, Assessment, DyadSeries, Signal, Trend, Window } from "../types";

export function DyadPage({ a, b }: { a: string; b: string }) {
  const [by, setBy] = useState<Window>("year");
  const pair = `${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
  const report = useApi<Assessment>(`/api/reports/${pair}${query({ format: "json" })}`);
  const series = useApi<DyadSeries>(`/api/dyads/${pair}${query({ by })}`);
  const r = report.data;
  const refs = r ? [...r.supporting, ...r.claimed, ...r.fragility.flatMap((s) => s.evidence), ...r.hedging.flatMap((s) => s.evidence)].map((e) => e.ref) : [];
  const docs = useDocuments(refs);

  // the server resolves names and codes ("iran", "IRN") and orders the pair by code
  const [x, y] = r?.pair ?? [a, b];
  const name = (id: string) => r?.names[id] ?? id;
  const title = `${name(x)} – ${name(y)}`;

  if (report.error) {
    return (
      <>
        <h1>
          {a} – {b}
        </h1>
        <p role="alert" class="error">
          {report.error}
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{title}</h1>
      {!r ? (
        <p>Loading…</p>
      ) : (
        <>
          <p class="verdict" data-testid="verdict">
            {r.verdict}
          </p>
          {r.overall ? (
            <dl class="figures" data-testid="figures">
              <div>
                <dt>Overall score</dt>
                <dd data-testid="score">{signed(r.overall.score)}</dd>
              </div>
              <div>
                <dt>Polarity</dt>
                <dd>{r.overall.polarity}</dd>
              </div>
              <div>
                <dt>Asymmetry</dt>
                <dd data-testid="asymmetry" title="(x→y − y→x) / (|x→y| + |y→x|) over one-way events">
                  {signed(r.overall.asymmetry)}
                </dd>
              </div>
              <div>
                <dt>
                  {name(x)} → {name(y)}
                </dt>
                <dd data-testid="directed-ab">{signed(r.overall.directed.ab)}</dd>
              </div>
              <div>
                <dt>
                  {name(y)} → {name(x)}
                </dt>
                <dd data-testid="directed-ba">{signed(r.overall.directed.ba)}</dd>
              </div>
              <div>
                <dt>Event clusters</dt>
                <dd>
                  {r.overall.clusters} ({r.overall.cooperation} cooperative, {r.overall.conflict} in conflict)
                </dd>
              </div>
            </dl>
          ) : (
            <p>No events between these two states yet.</p>
          )}
          {r.overall && Object.keys(r.overall.arenas).length > 0 && (
            <dl class="figures arenas" data-testid="arenas">
              {(Object.entries(r.overall.arenas) as [Arena, number][]).map(([arena, score]) => (
                <div key={arena}>
                  <dt>{arena} arena</dt>
                  <dd>{signed(score)}</dd>
                </div>
              ))}
            </dl>
          )}
          <p class="muted">
            Scores run from −10 (conflict) to +10 (cooperation). Full brief: <a href={`/api/reports/${pair}?format=html`}>HTML</a> ·{" "}
            <a href={`/api/reports/${pair}?format=md`}>Markdown</a>
          </p>
        </>
      )}

      <section aria-labelledby="time-h">
        <h2 id="time-h">Over time</h2>
        <div class="field inline">
          <label for="by">Window</label>
          <select id="by" value={by} onChange={(e) => setBy(e.currentTarget.value as Window)}>
            <option value="month">month</option>
            <option value="quarter">quarter</option>
            <option value="year">year</option>
          </select>
        </div>
        {series.error && (
          <p role="alert" class="error">
            {series.error}
          </p>
        )}
        {series.data && series.data.by === by && (
          <>
            <ScoreChart points={series.data.points} by={by} title={title} />
            <Trends trend={series.data.trend} by={by} />
          </>
        )}
      </section>

      {r && (
        <>
          <div class="panels">
            <Signals heading="Fragility" id="fragility" signals={r.fragility} docs={docs} empty="No signs of fragility." />
            <Signals heading="Hedging" id="hedging" signals={r.hedging} docs={docs} empty="Neither side hedges toward a third state." />
          </div>
          {r.structural && <StructuralSection panel={r.structural} x={x} y={y} name={name} />}
          <section aria-labelledby="support-h" data-testid="evidence">
            <h2 id="support-h">Evidence</h2>
            <EvidenceList items={r.supporting} docs={docs} label="Supporting evidence" />
          </section>
          {r.claimed.length > 0 && (
            <section aria-labelledby="claimed-h">
              <h2 id="claimed-h">Claimed, expected or hoped for</h2>
              <p class="muted">Events only reported, or not yet facts; they count for less.</p>
              <EvidenceList items={r.claimed} docs={docs} label="Claimed events" />
            </section>
          )}
          {r.triads.length > 0 && (
            <section aria-labelledby="triads-h">
              <h2 id="triads-h">Triads with this pair</h2>
              <ul class="triads">
                {r.triads.map((t) => (
                  <li key={t.members.join("-")}>
                    {t.members.map(name).join(" · ")} <span class={t.balanced ? "badge" : "badge warn"}>{t.balanced ? "balanced" : "unbalanced"}</span>
                    {t.against.length > 0 && <> — a bloc against {t.against.map(name).join(", ")}</>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}

function Trends({ trend, by }: { trend: DyadSeries["trend"]; by: Window }) {
  const rows = (Object.entries(trend) as [Arena | "all", Trend][]).filter(([, t]) => t.windows > 0);
  if (!rows.length) return null;
  return (
    <ul class="trends" aria-label="Trends">
      {rows.map(([arena, t]) => (
        <li key={arena}>
          <strong>{arena === "all" ? "all arenas" : arena}</strong>: {t.direction}
          <span class="muted">
            {" "}
            ({signed(t.slope, 3)} per {by}
            {t.stderr !== null ? ` ± ${t.stderr.toFixed(3)}` : ""}, {t.windows} window{t.windows === 1 ? "" : "s"})
          </span>
        </li>
      ))}
    </ul>
  );
}

function Signals({ heading, id, signals, docs, empty }: { heading: string; id: string; signals: readonly Signal[]; docs: Parameters<typeof EvidenceList>[0]["docs"]; empty: string }) {
  return (
    <section class="panel" aria-labelledby={`${id}-h`} data-testid={id}>
      <h2 id={`${id}-h`}>
        {heading} <span class="count">({signals.length})</span>
      </h2>
      {signals.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="signals">
          {signals.map((s, i) => (
            <li key={i}>
              <p>
                <span class="badge">{s.kind}</span> {s.summary}
              </p>
              <details>
                <summary>
                  {s.evidence.length} sentence{s.evidence.length === 1 ? "" : "s"}
                </summary>
                <EvidenceList items={s.evidence} docs={docs} />
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
