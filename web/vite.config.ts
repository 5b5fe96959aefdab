/**
 * The dashboard's build: a static single-page app in dist/web, which `entente serve` hands out
 * under a strict content security policy (no inline scripts, nothing from other origins).
 * Paths are taken from this file's folder, so the build works from any working directory.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

const web = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: web,
  base: "/",
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    // cytoscape and echarts load on the pages that need them, as their own chunks
    chunkSizeWarningLimit: 1200,
  },
});
