/**
 * The network of states: a signed graph (green cooperation, red conflict; nodes sized by
 * strength, edges by the size of the score) with filters for arena and time. Over all arenas
 * the server's thresholded network (/api/triads) is drawn, with its triads; for one arena the
 * pairs' scores in that arena (/api/dyads). The same edges are listed in a table under the
 * graph, for keyboards, screen readers and tests.
 */
import type { Core } from "cytoscape";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { dyadHref, query, signed, useApi } from "../api";
import { Field } from "../Field";
import { ARENAS, type Arena, type DyadFigures, type Network, type NetworkEdge, type NetworkNode, type OutActor } from "../types";

interface Filters {
  arena: Arena | "";
  since: string;
  until: string;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const COOPERATION = "#1a7f37";
const CONFLICT = "#c62828";
// stable empty lists, so that the graph is not rebuilt while data loads
const NO_NODES: NetworkNode[] = [];
const NO_EDGES: NetworkEdge[] = [];

/** The network for one arena, from the pairs' scores in it. */
function arenaNetwork(rows: readonly DyadFigures[], arena: Arena): Network {
  const edges: NetworkEdge[] = [];
  for (const r of rows) {
    const score = r.arenas[arena];
    if (score === undefined || score === 0) continue;
    edges.push({ pair: r.pair, score, sign: score > 0 ? 1 : -1, clusters: r.clusters });
  }
  const nodes = new Map<string, NetworkNode>();
  for (const e of edges) {
    for (const id of e.pair) {
      const n = nodes.get(id) ?? { id, degree: 0, strength: 0, positive: 0, negative: 0 };
      n.degree++;
      n.strength = Math.round((n.strength + Math.abs(e.score)) * 100) / 100;
      if (e.sign > 0) n.positive++;
      else n.negative++;
      nodes.set(id, n);
    }
  }
  return { nodes: [...nodes.values()].sort((x, y) => y.strength - x.strength || x.id.localeCompare(y.id)), edges, triads: [] };
}

export function NetworkPage() {
  const [draft, setDraft] = useState<Filters>({ arena: "", since: "", until: "" });
  const [filters, setFilters] = useState<Filters>(draft);
  const [invalid, setInvalid] = useState<string | null>(null);

  const range = { since: filters.since, until: filters.until };
  const all = useApi<Network>(filters.arena ? null : `/api/triads${query(range)}`);
  const byArena = useApi<{ items: DyadFigures[] }>(filters.arena ? `/api/dyads${query({ ...range, arena: filters.arena, limit: 5000 })}` : null);
  const actors = useApi<{ items: OutActor[] }>("/api/actors");

  const names = new Map((actors.data?.items ?? []).filter((a) => a.type === "state").map((a) => [a.id, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const net: Network | null = useMemo(
    () => (filters.arena ? (byArena.data ? arenaNetwork(byArena.data.items, filters.arena) : null) : all.data),
    [filters.arena, byArena.data, all.data],
  );
  const loaded = filters.arena ? byArena : all;

  const apply = (next: Filters) => {
    setDraft(next);
    const bad = [next.since, next.until].find((d) => d && !DATE.test(d));
    if (bad !== undefined) return setInvalid(`"${bad}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`);
    setInvalid(null);
    setFilters(next);
  };

  const edges = [...(net?.edges ?? [])].sort((x, y) => Math.abs(y.score) - Math.abs(x.score) || x.pair.join().localeCompare(y.pair.join()));
  const error = invalid ?? loaded.error;

  return (
    <>
      <h1>Network of states</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <Field id="f-arena" label="Arena">
          <select id="f-arena" value={draft.arena} onChange={(e) => apply({ ...draft, arena: e.currentTarget.value as Arena | "" })}>
            <option value="">all arenas</option>
            {ARENAS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </Field>
        <label>
          Since
          <input name="since" value={draft.since} placeholder="YYYY-MM-DD" inputMode="numeric" onInput={(e) => setDraft({ ...draft, since: e.currentTarget.value.trim() })} onChange={() => apply(draft)} />
        </label>
        <label>
          Until
          <input name="until" value={draft.until} placeholder="YYYY-MM-DD" inputMode="numeric" onInput={(e) => setDraft({ ...draft, until: e.currentTarget.value.trim() })} onChange={() => apply(draft)} />
        </label>
        <button type="submit">Apply</button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <Graph nodes={net?.nodes ?? NO_NODES} edges={net?.edges ?? NO_EDGES} />
      <p class="legend">
        <span class="swatch coop" aria-hidden="true" /> cooperation <span class="swatch conf" aria-hidden="true" /> conflict · line width: size of the score (−10…+10) · circle size: a state's total
        strength. Select a line, or a pair below, to open it.
      </p>

      <section aria-labelledby="pairs-h">
        <h2 id="pairs-h">Pairs{filters.arena ? ` (${filters.arena})` : ""}</h2>
        {loaded.loading && !net ? (
          <p>Loading…</p>
        ) : edges.length === 0 ? (
          <p>No pairs of states in this range.</p>
        ) : (
          <table class="data" data-testid="edges">
            <thead>
              <tr>
                <th scope="col">Pair</th>
                <th scope="col" class="num">
                  Score
                </th>
                <th scope="col">Relation</th>
                <th scope="col" class="num">
                  Event clusters
                </th>
              </tr>
            </thead>
            <tbody>
              {edges.map((e) => (
                <tr key={e.pair.join("-")} data-pair={e.pair.join("-")}>
                  <td>
                    <a href={dyadHref(e.pair[0], e.pair[1])}>
                      {nameOf(e.pair[0])} – {nameOf(e.pair[1])}
                    </a>
                  </td>
                  <td class="num">{signed(e.score)}</td>
                  <td class={e.sign > 0 ? "coop-text" : "conf-text"}>{e.sign > 0 ? "cooperation" : "conflict"}</td>
                  <td class="num">{e.clusters}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {net && net.nodes.length > 0 && (
        <section aria-labelledby="states-h">
          <h2 id="states-h">States</h2>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col" class="num">
                  Strength
                </th>
                <th scope="col" class="num">
                  Partners
                </th>
                <th scope="col" class="num">
                  Cooperative
                </th>
                <th scope="col" class="num">
                  In conflict
                </th>
              </tr>
            </thead>
            <tbody>
              {net.nodes.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    {nameOf(n.id)} <span class="muted">{n.id}</span>
                  </th>
                  <td class="num">{n.strength.toFixed(2)}</td>
                  <td class="num">{n.degree}</td>
                  <td class="num">{n.positive}</td>
                  <td class="num">{n.negative}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {net && net.triads.length > 0 && (
        <section aria-labelledby="triads-h">
          <h2 id="triads-h">Triads</h2>
          <p class="muted">A triad is balanced when the product of its three signs is positive (friends of friends are friends). A bloc is three cooperating states with a common adversary.</p>
          <ul class="triads">
            {net.triads.map((t) => (
              <li key={t.members.join("-")}>
                {t.members.map(nameOf).join(" · ")} <span class={t.balanced ? "badge" : "badge warn"}>{t.balanced ? "balanced" : "unbalanced"}</span>
                {t.against.length > 0 && <> — a bloc against {t.against.map(nameOf).join(", ")}</>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** The cytoscape graph; cytoscape itself is loaded only when this page is shown. */
function Graph({ nodes, edges }: { nodes: readonly NetworkNode[]; edges: readonly NetworkEdge[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let cy: Core | null = null;
    let live = true;
    const maxStrength = Math.max(1, ...nodes.map((n) => n.strength));
    import("cytoscape").then(
      ({ default: cytoscape }) => {
        if (!live || !box.current) return;
        cy = cytoscape({
          container: box.current,
          elements: [
            ...nodes.map((n) => ({ data: { id: n.id, label: n.id, size: 18 + 42 * (n.strength / maxStrength) } })),
            ...edges.map((e) => ({
              data: {
                id: e.pair.join("-"),
                source: e.pair[0],
                target: e.pair[1],
                pair: e.pair.join("-"),
                score: e.score,
                color: e.sign > 0 ? COOPERATION : CONFLICT,
                width: 1 + (Math.abs(e.score) / 10) * 9,
              },
            })),
          ],
          style: [
            {
              selector: "node",
              style: { "background-color": "#455a64", width: "data(size)", height: "data(size)", label: "data(label)", color: "#1b1b1b", "font-size": 12, "text-valign": "bottom", "text-margin-y": 4 },
            },
            { selector: "edge", style: { "line-color": "data(color)", width: "data(width)", "curve-style": "bezier", opacity: 0.85 } },
            { selector: "edge:active, edge:selected", style: { opacity: 1, "overlay-opacity": 0.15 } },
          ],
          layout: nodes.length > 2 ? { name: "cose", animate: false, padding: 30, idealEdgeLength: () => 90, nodeRepulsion: () => 9000 } : { name: "circle", padding: 30 },
          minZoom: 0.3,
          maxZoom: 3,
        });
        cy.on("tap", "edge", (evt) => {
          const [a, b] = String(evt.target.data("pair")).split("-");
          if (a && b) location.hash = dyadHref(a, b);
        });
        cy.on("mouseover", "edge", () => box.current && (box.current.style.cursor = "pointer"));
        cy.on("mouseout", "edge", () => box.current && (box.current.style.cursor = ""));
      },
      (err: unknown) => live && setFailed(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
      cy?.destroy();
    };
  }, [nodes, edges]);

  const summary = `${nodes.length} states and ${edges.length} pairs: ${edges.filter((e) => e.sign > 0).length} cooperative, ${edges.filter((e) => e.sign < 0).length} in conflict. The pairs are listed in the table below.`;
  return (
    <>
      <div class="graph" ref={box} data-testid="network" role="img" aria-label={`Graph of the network: ${summary}`} />
      {failed && <p class="error">The graph could not be drawn ({failed}); the table below has the same pairs.</p>}
    </>
  );
}
