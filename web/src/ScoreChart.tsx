/**
 * A pair's score per window, overall and per arena, as an echarts line chart (SVG). echarts is
 * loaded with the first chart. The same numbers are in a table beside it for those who cannot
 * see the chart.
 */
import type { EChartsType } from "echarts/core";
import { useEffect, useRef } from "preact/hooks";
import { signed } from "./api";
import { ARENAS, type Arena, type DyadFigures, type Window } from "./types";

const COLOURS: Record<Arena | "all", string> = {
  all: "#263238",
  political: "#1565c0",
  economic: "#b45309",
  military: "#6a1b9a",
  security: "#00796b",
};

/** Every window from the first to the last, so that the axis keeps time to scale. */
function allWindows(first: string, last: string, by: Window): string[] {
  const y0 = Number(first.slice(0, 4));
  const y1 = Number(last.slice(0, 4));
  const out: string[] = [];
  for (let y = y0; y <= y1; y++) {
    if (by === "year") out.push(String(y));
    else if (by === "quarter") for (let q = 1; q <= 4; q++) out.push(`${y}-Q${q}`);
    else for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, "0")}`);
  }
  return out.filter((w) => w >= first && w <= last);
}

export function ScoreChart({ points, by, title }: { points: readonly DyadFigures[]; by: Window; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const windows = points.map((p) => p.window);
  // windows without events stay empty on the axis; the lines join across them
  const axis = windows.length ? allWindows(windows[0]!, windows[windows.length - 1]!, by) : [];
  const at = new Map(points.map((p) => [p.window, p]));
  const arenas = ARENAS.filter((a) => points.some((p) => p.arenas[a] !== undefined));

  useEffect(() => {
    let chart: EChartsType | null = null;
    let live = true;
    const resize = () => chart?.resize();
    import("./echarts").then(({ echarts }) => {
      if (!live || !box.current) return;
      chart = echarts.init(box.current, null, { renderer: "svg" });
      chart.setOption({
        aria: { enabled: true },
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 40, bottom: 32 },
        xAxis: { type: "category", data: axis, boundaryGap: false },
        yAxis: { type: "value", min: -10, max: 10, name: "score" },
        series: [
          { name: "all arenas", type: "line", data: axis.map((w) => at.get(w)?.score ?? null), connectNulls: true, lineStyle: { width: 3 }, color: COLOURS.all },
          ...arenas.map((a) => ({ name: a, type: "line", data: axis.map((w) => at.get(w)?.arenas[a] ?? null), connectNulls: true, color: COLOURS[a] })),
        ],
      });
      addEventListener("resize", resize);
    });
    return () => {
      live = false;
      removeEventListener("resize", resize);
      chart?.dispose();
    };
  }, [points]);

  if (!points.length) return <p class="muted">No dated events for this pair in this range.</p>;
  return (
    <>
      <div class="chart" ref={box} data-testid="chart" role="img" aria-label={`${title}: score over time, from ${windows[0]} to ${windows[windows.length - 1]}; the numbers are in the table that follows.`} />
      <details>
        <summary>Scores as a table</summary>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Window</th>
              <th scope="col" class="num">
                All
              </th>
              {arenas.map((a) => (
                <th key={a} scope="col" class="num">
                  {a}
                </th>
              ))}
              <th scope="col" class="num">
                Clusters
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.window}>
                <th scope="row">{p.window}</th>
                <td class="num">{signed(p.score)}</td>
                {arenas.map((a) => (
                  <td key={a} class="num">
                    {p.arenas[a] === undefined ? "–" : signed(p.arenas[a])}
                  </td>
                ))}
                <td class="num">{p.clusters}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
