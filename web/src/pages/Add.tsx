/**
 * Adding documents: pasted text, files (sent one at a time as raw bytes, so that each gets its
 * own answer and the page can count them), or a page or feed address (the server decides
 * whether it fetches addresses; its refusal is shown as it gives it).
 */
import { useState } from "preact/hooks";
import { api, ApiError, authHeader, docHref, getToken, storeChanged } from "../api";
import { TokenField } from "../TokenField";
import type { AddResult } from "../types";

type Added = AddResult["documents"][number];

interface Outcome {
  busy: boolean;
  progress: string | null;
  error: string | null;
  added: Added[];
}

const IDLE: Outcome = { busy: false, progress: null, error: null, added: [] };

/** The content types the server reads as raw bytes, by file name; anything else it sniffs. */
function contentTypeOf(name: string): string {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  if (["html", "htm", "xhtml"].includes(ext)) return "text/html";
  if (["rss", "xml"].includes(ext)) return "application/rss+xml";
  if (ext === "atom") return "application/atom+xml";
  if (["txt", "text", "md"].includes(ext)) return "text/plain";
  return "application/octet-stream";
}

/** Header values must be Latin-1: other characters of a file name become "_". */
const headerSafe = (name: string) => name.replace(/[^\x20-\x7e]/g, "_");

async function post(body: BodyInit, headers: Record<string, string>): Promise<AddResult> {
  const r = await api<AddResult>("/api/documents", { method: "POST", body, headers: { ...authHeader(getToken()), ...headers } });
  storeChanged();
  return r;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function AddPage() {
  return (
    <>
      <h1>Add documents</h1>
      <TokenField />
      <TextForm />
      <FileForm />
      <UrlForm />
    </>
  );
}

function TextForm() {
  const [text, setText] = useState("");
  const [title, setTitle] = useState("");
  const [outlet, setOutlet] = useState("");
  const [published, setPublished] = useState("");
  const [out, setOut] = useState<Outcome>(IDLE);

  const submit = async (e: Event) => {
    e.preventDefault();
    setOut({ ...IDLE, busy: true });
    const body: Record<string, string> = { text };
    if (title.trim()) body.title = title.trim();
    if (outlet.trim()) body.outlet = outlet.trim();
    if (published.trim()) body.published = published.trim();
    try {
      const r = await post(JSON.stringify(body), { "content-type": "application/json" });
      setOut({ ...IDLE, added: r.documents });
    } catch (err) {
      setOut({ ...IDLE, error: message(err) });
    }
  };

  return (
    <section aria-labelledby="paste-h" class="card">
      <h2 id="paste-h">Paste text</h2>
      <form onSubmit={submit} data-testid="add-text">
        <label for="add-text">Text</label>
        <textarea id="add-text" rows={10} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <div class="row">
          <label>
            Title (optional)
            <input value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <label>
            Outlet (optional)
            <input value={outlet} onInput={(e) => setOutlet(e.currentTarget.value)} />
          </label>
          <label>
            Published (optional)
            <input value={published} placeholder="YYYY-MM-DD" pattern="\d{4}(-\d{2}(-\d{2})?)?" title="YYYY, YYYY-MM or YYYY-MM-DD" onInput={(e) => setPublished(e.currentTarget.value)} />
          </label>
        </div>
        <button type="submit" disabled={out.busy}>
          {out.busy ? "Adding…" : "Add text"}
        </button>
      </form>
      <OutcomeView out={out} />
    </section>
  );
}

function FileForm() {
  const [files, setFiles] = useState<File[]>([]);
  const [out, setOut] = useState<Outcome>(IDLE);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!files.length) return setOut({ ...IDLE, error: "Choose one or more files first." });
    const added: Added[] = [];
    const failed: string[] = [];
    for (const [i, f] of files.entries()) {
      setOut({ busy: true, progress: `Sending ${i + 1} of ${files.length}: ${f.name}`, error: null, added: [...added] });
      try {
        const r = await post(await f.arrayBuffer(), { "content-type": contentTypeOf(f.name), "x-filename": headerSafe(f.name) });
        added.push(...r.documents);
      } catch (err) {
        const why = message(err);
        failed.push(why.startsWith(f.name) ? why : `${f.name}: ${why}`);
        // without the token, or over the rate limit, the other files would fail the same way
        if (err instanceof ApiError && (err.status === 401 || err.status === 429)) break;
      }
    }
    setOut({ busy: false, progress: `Sent ${files.length - failed.length} of ${files.length} files.`, error: failed.length ? failed.join("\n") : null, added });
  };

  return (
    <section aria-labelledby="files-h" class="card">
      <h2 id="files-h">Upload files</h2>
      <form onSubmit={submit} data-testid="add-files">
        <label for="add-files">Files: plain text, HTML pages, RSS or Atom feeds</label>
        <input id="add-files" type="file" multiple accept=".txt,.text,.md,.html,.htm,.xhtml,.xml,.rss,.atom,text/*" onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])} />
        <button type="submit" disabled={out.busy}>
          {out.busy ? "Uploading…" : "Upload files"}
        </button>
      </form>
      <OutcomeView out={out} />
    </section>
  );
}

function UrlForm() {
  const [url, setUrl] = useState("");
  const [out, setOut] = useState<Outcome>(IDLE);

  const submit = async (e: Event) => {
    e.preventDefault();
    setOut({ ...IDLE, busy: true });
    try {
      const r = await post(JSON.stringify({ url: url.trim() }), { "content-type": "application/json" });
      setOut({ ...IDLE, added: r.documents });
    } catch (err) {
      setOut({ ...IDLE, error: message(err) });
    }
  };

  return (
    <section aria-labelledby="url-h" class="card">
      <h2 id="url-h">From an address</h2>
      <form onSubmit={submit} data-testid="add-url">
        <label for="add-url">Page or feed address</label>
        <input id="add-url" type="url" required placeholder="https://…" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        <button type="submit" disabled={out.busy}>
          {out.busy ? "Asking…" : "Add from address"}
        </button>
      </form>
      <p class="hint">The server fetches the address only if it is set up to; otherwise it says why not.</p>
      <OutcomeView out={out} />
    </section>
  );
}

function OutcomeView({ out }: { out: Outcome }) {
  return (
    <>
      <p role="status" class="progress" data-testid="progress">
        {out.progress ?? ""}
      </p>
      {out.error && (
        <p role="alert" class="error">
          {out.error}
        </p>
      )}
      {out.added.length > 0 && (
        <ul class="added" data-testid="added">
          {out.added.map((d) => (
            <li key={d.id}>
              <a href={docHref(d.id)}>{d.title ?? "(untitled)"}</a> — {d.added ? "added" : "already stored"}: {d.events} event{d.events === 1 ? "" : "s"}, {d.actors} actor{d.actors === 1 ? "" : "s"}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
