/**
 * The dashboard's built files (`dist/web`, made by `npm run build:web`), read once into memory.
 * Null when the dashboard has not been built: the API runs without it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../web");

export function loadAssets(dir = WEB_DIR): Map<string, { type: string; body: Buffer }> | null {
  if (!existsSync(path.join(dir, "index.html"))) return null;
  const out = new Map<string, { type: string; body: Buffer }>();
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set("/" + path.relative(dir, p).split(path.sep).join("/"), { type: TYPES[path.extname(f)] ?? "application/octet-stream", body: readFileSync(p) });
    }
  };
  walk(dir);
  return out;
}
