/**
 * The structural panel of a dyad: the structural index and its components per year (UN votes,
 * ATOP alliance levels, SIPRI arms dependence, COW trade) as small multiples on one year axis,
 * and the sentence on how far the event index diverges from it, cited to dataset and year.
 * Shown only when the store holds priors.
 */
import type { StructuralIndex, StructuralPanel } from "./types";

const W = 200;
const H = 84;
const M = { l: 28, r: 6, t: 6, b: 16 };

function Multiple({ title, points, lo, hi, span }: { title: string; points: { year: number; value: number | null }[]; lo: number; hi: number; span: [number, number] }) {
  const X = (yr: number) => M.l + ((yr - span[0]) / Math.max(1, span[1] - span[0])) * (W - M.l - M.r);
  const Y = (v: number) => M.t + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (H - M.t - M.b);
  // a gap where a year has no figure
  const runs: string[][] = [[]];
  for (const p of points) {
    if (p.value === null) runs.push([]);
    else runs[runs.length - 1]!.push(`${X(p.year).toFixed(1)},${Y(p.value).toFixed(1)}`);
  }
  return (
    <figure class="multiple">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${title}, ${span[0]}–${span[1]}`}>
        {[lo, hi].map((v) => (
          <g key={v}>
            <line class="grid" x1={M.l} x2={W - M.r} y1={Y(v)} y2={Y(v)} />
            <text class="tick" x={M.l - 3} y={Y(v) + 4} text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        {lo < 0 && hi > 0 && <line class="zero" x1={M.l} x2={W - M.r} y1={Y(0)} y2={Y(0)} />}
        <text class="tick" x={M.l} y={H - 3}>
          {span[0]}
        </text>
        <text class="tick" x={W - M.r} y={H - 3} text-anchor="end">
          {span[1]}
        </text>
        {runs.filter((r) => r.length > 1).map((r, i) => (
          <polyline key={i} class="series" fill="none" points={r.join(" ")} />
        ))}
        {points.map((p) =>
          p.value === null ? null : (
            <circle key={p.year} class="dot" cx={X(p.year)} cy={Y(p.value)} r={2}>
              <title>{`${p.year}: ${p.value.toFixed(2)}`}</title>
            </circle>
          ),
        )}
      </svg>
    </figure>
  );
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)}%`);

export function StructuralSection({ panel, x, y, name }: { panel: StructuralPanel; x: string; y: string; name: (id: string) => string }) {
  const years = panel.years;
  if (!years.length) {
    return (
      <section aria-labelledby="structural-h" data-testid="structural">
        <h2 id="structural-h">Structural ties</h2>
        <p class="muted">No structural data for this pair in these years.</p>
      </section>
    );
  }
  const span: [number, number] = [Math.min(...years.map((s) => s.year)), Math.max(...years.map((s) => s.year))];
  const series = (f: (s: StructuralIndex) => number | null | undefined) => years.map((s) => ({ year: s.year, value: f(s) ?? null }));
  return (
    <section aria-labelledby="structural-h" data-testid="structural">
      <h2 id="structural-h">Structural ties</h2>
      <p class="muted">UN General Assembly votes, ATOP alliance obligations, SIPRI arms transfers and COW trade, beside the event index and never mixed into it.</p>
      <div class="multiples">
        <Multiple title="Structural index" points={series((s) => s.score)} lo={-10} hi={10} span={span} />
        <Multiple title="UN votes (Scott's π)" points={series((s) => (s.un && s.un.n ? s.un.pi : null))} lo={-1} hi={1} span={span} />
        <Multiple title={`ATOP level ${x}→${y}`} points={series((s) => s.alliance?.ab.level)} lo={0} hi={5} span={span} />
        <Multiple title={`Arms: ${name(x)} on ${name(y)}`} points={series((s) => s.arms?.ba.share)} lo={0} hi={1} span={span} />
        <Multiple title={`Arms: ${name(y)} on ${name(x)}`} points={series((s) => s.arms?.ab.share)} lo={0} hi={1} span={span} />
        <Multiple title="Trade weaker link" points={series((s) => s.trade?.weakerLink)} lo={0} hi={0.05} span={span} />
      </div>
      <table>
        <caption class="visually-hidden">Structural measures per year</caption>
        <thead>
          <tr>
            <th scope="col">year</th>
            <th scope="col">index</th>
            <th scope="col">UN votes agree</th>
            <th scope="col">ATOP →/←</th>
            <th scope="col">trade weaker link</th>
          </tr>
        </thead>
        <tbody>
          {years.map((s) => (
            <tr key={s.year}>
              <td>{s.year}</td>
              <td>{s.score === null ? "–" : s.score.toFixed(2)}</td>
              <td>{s.un && s.un.n ? `${s.un.agreements}/${s.un.n}` : "–"}</td>
              <td>{s.alliance ? `${s.alliance.ab.level} / ${s.alliance.ba.level}` : "–"}</td>
              <td>{pct(s.trade?.weakerLink)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="divergence">{panel.divergence ? `Divergence: ${panel.divergence.summary}` : "The event index and the structural index do not diverge beyond the configured threshold."}</p>
    </section>
  );
}
