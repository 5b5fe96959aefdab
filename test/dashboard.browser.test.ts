/**
 * The dashboard in a real browser (Debian's Chromium driven by playwright-core) against a real
 * server on 127.0.0.1 over the bundled examples: every page opens without errors; clicking an
 * edge lands on its dyad; pasted text shows its events; a correction is kept across a reload and
 * moves the score; hostile article text stays text; axe-core finds no serious or critical
 * violation; the pages are reachable by keyboard. Screenshots go to test-artifacts/screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestInputs } from "../src/app/batch.js";
import { createIndexer } from "../src/app/index.js";
import { loadAnalyzer } from "../src/app/setup.js";
import { loadIndexConfig } from "../src/data/coding.js";
import { DEFAULT_INGEST } from "../src/ingest/sources.js";
import { buildServer, tokenHashOf } from "../src/server/app.js";
import { loadAssets } from "../src/server/assets.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import { REPO } from "../src/test-support/shared.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WEB = path.join(REPO, "dist/web");
const SKIP = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does)` : !existsSync(path.join(WEB, "index.html")) ? "no dashboard build in dist/web (npm run build)" : "";
if (SKIP) process.stderr.write(`note: skipping the browser tests: ${SKIP}\n`);

const TOKEN = "browser-test-token-0123456789";
const SHOTS = path.join(REPO, "test-artifacts/screenshots");

describe.skipIf(!!SKIP)(`dashboard in Chromium ${SKIP}`, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "entente-browser-"));
  let app: FastifyInstance;
  let store: SqliteStore;
  let browser: Browser;
  let base = "";
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const analyzer = loadAnalyzer();
    const indexer = createIndexer(analyzer.lexicon, loadIndexConfig());
    store = SqliteStore.open(path.join(dir, "dash.db"));
    await ingestInputs([path.join(REPO, "examples")], analyzer, store, DEFAULT_INGEST, {}, { indexer });
    app = await buildServer({ store, analyzer, indexer, tokenHash: tokenHashOf(TOKEN), assets: loadAssets(WEB) ?? undefined });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh page that records console errors (other than failed requests a test causes) and script errors. */
  async function open(hash: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    page.on("dialog", (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`${base}/${hash}`);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  it("opens every page without errors", async () => {
    const doc = (await store.listDocuments({ limit: 1 }))[0]!;
    const pages: [string, string, string][] = [
      ["network", "#/network", "[data-testid=edges]"],
      ["dyad", "#/dyad/IRN/RUS", "[data-testid=verdict]"],
      ["document", `#/document/${encodeURIComponent(doc.id)}`, "[data-testid=doc-text]"],
      ["documents", "#/documents", "[data-testid=documents]"],
      ["add", "#/add", "[data-testid=add-text]"],
      ["review", "#/review", "[data-testid=review]"],
    ];
    for (const [name, hash, ready] of pages) {
      const page = await open(hash);
      await page.locator(ready).first().waitFor({ timeout: 20_000 });
      await expect.poll(() => page.locator("[data-testid=counts]").textContent()).toMatch(/\d/);
      await shot(page, name);
      await page.close();
    }
    expect(errors).toEqual([]);
  }, 120_000);

  it("clicking an edge of the network lands on its dyad", async () => {
    const page = await open("#/network");
    await page.locator("[data-testid=network] canvas").first().waitFor({ timeout: 20_000 });
    // real clicks on the canvas where cytoscape drew an edge's midpoint (longest edges first, so
    // the point is clear of the nodes), once the layout has stopped moving
    type Cy = { edges(): { length: number; [i: number]: { renderedMidpoint(): { x: number; y: number }; data(k: string): string; renderedBoundingBox(): { w: number; h: number } } } };
    const midpoints = () =>
      page.evaluate(() => {
        const el = document.querySelector("[data-testid=network]") as HTMLElement & { _cyreg?: { cy?: Cy } };
        const cy = el._cyreg?.cy;
        if (!cy) return [];
        const box = el.getBoundingClientRect();
        const out: { x: number; y: number; pair: string; len: number }[] = [];
        for (let i = 0; i < cy.edges().length; i++) {
          const e = cy.edges()[i]!;
          const m = e.renderedMidpoint();
          const bb = e.renderedBoundingBox();
          out.push({ x: box.left + m.x, y: box.top + m.y, pair: e.data("pair"), len: Math.hypot(bb.w, bb.h) });
        }
        return out.sort((p, q) => q.len - p.len);
      });
    let points = await midpoints();
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(300);
      const next = await midpoints();
      const still = points.length > 0 && next.length === points.length && next.every((p, k) => Math.abs(p.x - points[k]!.x) < 0.5 && Math.abs(p.y - points[k]!.y) < 0.5);
      points = next;
      if (still) break;
    }
    expect(points.length).toBeGreaterThan(0);
    const pairs = new Set(points.map((p) => p.pair.replace("-", "/")));
    let landed: string | null = null;
    for (const p of points.slice(0, 6)) {
      await page.mouse.click(p.x, p.y);
      landed = await page
        .waitForURL(/#\/dyad\/[A-Z]{3}\/[A-Z]{3}/, { timeout: 3_000 })
        .then(() => /#\/dyad\/([A-Z]{3}\/[A-Z]{3})/.exec(page.url())![1]!)
        .catch(() => null);
      if (landed) break;
    }
    // where edges cross, the click may take the other edge: either way, an edge's own dyad
    expect(landed).not.toBeNull();
    expect(pairs.has(landed!)).toBe(true);
    await expect.poll(() => page.locator("[data-testid=verdict]").textContent()).toMatch(/–/);
    await shot(page, "edge-to-dyad");
    // the same through the table of pairs, by keyboard
    await page.goto(`${base}/#/network`);
    const link = page.locator("[data-testid=edges] a").first();
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/#\/dyad\//);
    await page.close();
  }, 60_000);

  it("shows the events of pasted text, and a correction survives a reload and moves the score", async () => {
    const page = await open("#/add");
    await page.locator("[data-testid=token]").fill(TOKEN);
    await page.getByLabel("Text", { exact: true }).fill("Chile and Peru signed a trade agreement in Lima on 3 April 2023.\n\nChile and Peru held joint naval exercises in May 2023.");
    await page.getByLabel("Published (optional)").fill("2023-06-01");
    await page.locator("[data-testid=add-text] button[type=submit]").click();
    const added = page.locator("[data-testid=added]");
    await expect.poll(() => added.textContent(), { timeout: 20_000 }).toMatch(/[1-9]\d* events?/);
    await added.locator("a").first().click();
    await page.locator("[data-testid=events] li").first().waitFor();
    expect(await page.locator("[data-testid=events] li").count()).toBeGreaterThanOrEqual(1);
    await shot(page, "pasted-document");

    const scoreOf = async () => {
      await page.goto(`${base}/#/dyad/CHL/PER`);
      await page.reload();
      const s = page.locator("[data-testid=score]");
      await s.waitFor({ timeout: 20_000 });
      return Number((await s.textContent())!.replace("−", "-"));
    };
    const before = await scoreOf();
    expect(before).toBeGreaterThan(0);

    await page.goto(`${base}/#/review`);
    await page.locator("[data-testid=review]").waitFor();
    // the queue is ordered by confidence: show more until our event is in it
    const card = page.locator("[data-testid=review] > li", { hasText: "Chile and Peru signed" }).first();
    for (let i = 0; i < 40 && !(await card.count()); i++) {
      const more = page.getByRole("button", { name: /^Show \d+ more/ });
      if (!(await more.count())) break;
      try {
        await more.click({ timeout: 5_000 });
      } catch {
        // the button is re-rendered while the next page loads: look again
      }
      await page.waitForTimeout(200);
    }
    await card.getByLabel("Polarity").selectOption("conflict");
    await card.getByRole("button", { name: "Save correction" }).click();
    await expect.poll(() => card.locator("[role=status]").textContent()).toMatch(/correction #\d+/);

    await page.reload();
    await expect.poll(() => page.locator("[data-testid=corrections]").textContent(), { timeout: 20_000 }).toMatch(/edit/);
    await shot(page, "review-after-reload");
    const after = await scoreOf();
    expect(after).toBeLessThan(before);
    await shot(page, "dyad-after-correction");
    await page.close();
    expect(errors).toEqual([]);
  }, 90_000);

  it("shows hostile article text as text and never runs it", async () => {
    const hostile = {
      title: `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`,
      text: `Iran and Iraq met in Baghdad. <script>window.__pwned=3</script> <img src=x onerror="window.__pwned=4"> <a href="javascript:window.__pwned=5">click</a> javascript:alert(1)`,
    };
    const r = await app.inject({ method: "POST", url: "/api/documents", headers: { authorization: `Bearer ${TOKEN}` }, payload: hostile });
    expect(r.statusCode).toBe(201);
    const id = r.json().documents[0].id as string;
    const page = await open(`#/document/${encodeURIComponent(id)}`);
    await page.locator("[data-testid=doc-text]").waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator("[data-testid=doc-title]").textContent()).toContain("<script>");
    expect(await page.locator("[data-testid=doc-text]").textContent()).toContain('onerror="window.__pwned=4"');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
    expect(await page.locator("main script, main img, main a[href^='javascript:' i]").count()).toBe(0);
    await shot(page, "hostile-document");
    await page.close();
    expect(errors).toEqual([]);
  }, 60_000);

  it("has no serious or critical accessibility violations (axe-core) and can be used by keyboard", async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    for (const hash of ["#/network", "#/dyad/IRN/RUS", "#/documents", "#/add", "#/review"]) {
      // axe is injected as an inline script, which the dashboard's CSP rightly forbids
      const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(`${base}/${hash}`);
      await page.locator("main h1").first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(500);
      await page.addScriptTag({ content: axe });
      const result = (await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      })) as { id: string; impact: string; nodes: number }[];
      expect(result.filter((v) => v.impact === "serious" || v.impact === "critical"), `axe on ${hash}`).toEqual([]);
      await ctx.close();
    }
    // keyboard: from the top, Tab reaches every nav link, and Enter follows it
    const page = await open("#/network");
    await page.locator("nav a").first().waitFor();
    const names = await page.locator("nav a").allTextContents();
    const reached = new Set<string>();
    for (let i = 0; i < 15 && reached.size < names.length; i++) {
      await page.keyboard.press("Tab");
      const t = await page.evaluate(() => (document.activeElement?.closest("nav") ? (document.activeElement.textContent ?? "") : ""));
      if (t) reached.add(t);
    }
    expect([...reached].sort()).toEqual([...names].sort());
    await page.close();
  }, 120_000);
});
