/**
 * Terminal helpers for the CLI: messages on stderr, data on stdout, and progress bars.
 * The only module (with main.ts) that writes to the terminal.
 */
import cliProgress from "cli-progress";

export function say(msg: string): void {
  process.stderr.write(msg + "\n");
}

export function out(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : text + "\n");
}

export interface Progress {
  /** starts the bar once the number of items is known */
  total(n: number): void;
  tick(label?: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr: drawn when stderr is a terminal, or when forced (`--progress`), in
 * which case it prints a line every half second instead of redrawing.
 */
export function progress(what: string, mode: "auto" | "on" | "off"): Progress {
  const show = mode === "on" || (mode === "auto" && process.stderr.isTTY === true);
  if (!show) return { tick() {}, total() {}, stop() {} };
  let bar: cliProgress.SingleBar | null = null;
  return {
    total(n) {
      bar = new cliProgress.SingleBar(
        {
          format: `${what} [{bar}] {value}/{total} {percentage}% | {eta_formatted} left | {label}`,
          stream: process.stderr,
          noTTYOutput: !process.stderr.isTTY,
          notTTYSchedule: 500,
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 20,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(n, 0, { label: "" });
    },
    tick(label = "") {
      bar?.increment(1, { label: label.length > 40 ? "…" + label.slice(-39) : label });
    },
    stop() {
      bar?.stop();
    },
  };
}

/** A plain-text table with padded columns. */
export function table(rows: readonly (readonly unknown[])[], header: readonly string[]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c)).replace(/\s+/g, " ")));
  const widths = header.map((_, i) => Math.min(60, Math.max(...cells.map((r) => (r[i] ?? "").length))));
  const fit = (s: string, w: number) => (s.length > w ? s.slice(0, w - 1) + "…" : s.padEnd(w));
  return cells.map((r, ri) => {
    const line = r.map((c, i) => fit(c, widths[i]!)).join("  ").trimEnd();
    return ri === 0 ? line + "\n" + widths.map((w) => "-".repeat(w)).join("  ") : line;
  }).join("\n");
}
