/**
 * The API's OpenAPI 3.1 description, served at /openapi.json, and a plain docs page made from it
 * (served at /docs; no scripts, no external requests).
 */
const dateParam = (name: string, what: string) => ({ name, in: "query", schema: { type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$" }, description: what });
const page = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } },
  { name: "offset", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
];
const range = [dateParam("since", "from this date (YYYY, YYYY-MM or YYYY-MM-DD)"), dateParam("until", "up to this date, inclusive")];
const pair = [
  { name: "a", in: "path", required: true, schema: { type: "string" }, description: "a state: ISO 3166-1 alpha-3 code or name" },
  { name: "b", in: "path", required: true, schema: { type: "string" }, description: "another state" },
];
const json = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const errors = { "400": json("malformed input: { error, status }"), "404": json("not found") };

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Entente API",
    version: "0.1.0",
    description: "Relations between states from news and analysis: documents, actors, PLOVER-coded events with their evidence, dyad scores per arena over time, triads and reports. Reads are open; writes need `Authorization: Bearer TOKEN` (the token `entente serve` prints at first start).",
  },
  components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  paths: {
    "/api/health": { get: { summary: "Store location and counts", responses: { "200": json("counts") } } },
    "/api/documents": {
      get: { summary: "Stored documents, oldest first", parameters: page, responses: { "200": json("{ total, limit, offset, items }"), ...errors } },
      post: {
        summary: "Add a document: JSON { text | html | url, title?, outlet?, author?, published? }, or the raw bytes of a file or feed (text/plain, text/html, application/rss+xml…; X-Filename names it)",
        security: [{ bearer: [] }],
        requestBody: { content: { "application/json": { schema: { type: "object", properties: { text: { type: "string" }, html: { type: "string" }, url: { type: "string", description: "a page or feed to fetch (public addresses only)" }, title: { type: "string" }, outlet: { type: "string" }, author: { type: "string" }, published: { type: "string" } } } }, "text/plain": {}, "text/html": {}, "application/rss+xml": {} } },
        responses: { "201": json("{ documents: [{ id, added, title, events, actors }] }"), "200": json("already stored"), "401": json("no or wrong token"), "413": json("body too large"), "429": json("too many uploads"), ...errors },
      },
    },
    "/api/documents/{id}": { get: { summary: "One document's entente/1 analysis", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": json("entente/1"), ...errors } } },
    "/api/search": { get: { summary: "Full-text search over titles and texts", parameters: [{ name: "q", in: "query", required: true, schema: { type: "string" } }, page[0]], responses: { "200": json("{ items }"), ...errors } } },
    "/api/actors": { get: { summary: "Every actor the store knows", responses: { "200": json("{ items }") } } },
    "/api/events": {
      get: {
        summary: "Events with their evidence, filtered",
        parameters: [
          ...page,
          ...range,
          { name: "actor", in: "query", schema: { type: "string" } },
          { name: "arena", in: "query", schema: { enum: ["political", "economic", "military", "security"] } },
          { name: "type", in: "query", schema: { type: "string" }, description: "PLOVER type, e.g. AGREE" },
          { name: "modality", in: "query", schema: { enum: ["asserted", "reported", "expected", "desired", "hypothetical"] } },
          { name: "outlet", in: "query", schema: { type: "string" } },
          { name: "doc", in: "query", schema: { type: "string" }, description: "a document id" },
        ],
        responses: { "200": json("{ total, limit, offset, items }"), ...errors },
      },
    },
    "/api/dyads": {
      get: {
        summary: "Every pair of states: score −10…+10, polarity, directed scores, asymmetry, arenas",
        parameters: [...range, { name: "actor", in: "query", schema: { type: "string" } }, { name: "arena", in: "query", schema: { enum: ["political", "economic", "military", "security"] } }, { name: "limit", in: "query", schema: { type: "integer", default: 200 } }],
        responses: { "200": json("{ items }"), ...errors },
      },
    },
    "/api/dyads/{a}/{b}": { get: { summary: "One pair per window with a trend per arena", parameters: [...pair, ...range, { name: "by", in: "query", schema: { enum: ["month", "quarter", "year"], default: "month" } }], responses: { "200": json("series"), ...errors } } },
    "/api/triads": { get: { summary: "The signed network: edges, triads (balanced or not, blocs), centrality", parameters: range, responses: { "200": json("network"), ...errors } } },
    "/api/reports/{a}/{b}": {
      get: {
        summary: "The analyst's brief on a pair (JSON assessment, Markdown or standalone HTML)",
        parameters: [...pair, ...range, { name: "by", in: "query", schema: { enum: ["month", "quarter", "year"], default: "year" } }, { name: "format", in: "query", schema: { enum: ["json", "md", "html"], default: "json" } }],
        responses: { "200": json("assessment, or text/markdown, or text/html"), ...errors },
      },
    },
  },
} as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A readable page of the endpoints, from the OpenAPI description. */
export function docsPage(): string {
  const rows: string[] = [];
  for (const [path, ops] of Object.entries(OPENAPI.paths)) {
    for (const [method, op] of Object.entries(ops as Record<string, { summary: string; parameters?: readonly { name: string; in: string; description?: string }[]; security?: unknown }>)) {
      const params = (op.parameters ?? []).map((p) => `<code>${esc(p.name)}</code> (${esc(p.in)})${p.description ? ` ${esc(p.description)}` : ""}`).join("<br>");
      rows.push(`<tr><td><code>${method.toUpperCase()}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary)}${op.security ? " <strong>(token)</strong>" : ""}</td><td>${params}</td></tr>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Entente API</title><style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}</style></head><body><main><h1>Entente API</h1><p>${esc(OPENAPI.info.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p><table><thead><tr><th scope="col">method</th><th scope="col">path</th><th scope="col">what</th><th scope="col">parameters</th></tr></thead><tbody>${rows.join("")}</tbody></table></main></body></html>`;
}
