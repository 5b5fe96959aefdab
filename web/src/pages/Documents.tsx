/**
 * The stored documents, a page at a time, and full-text search over them.
 */
import { useState } from "preact/hooks";
import { docHref, query, useApi } from "../api";
import type { Page, SearchHit, StoredDocument } from "../types";

const PAGE = 50;

export function DocumentsPage() {
  const [offset, setOffset] = useState(0);
  const [draft, setDraft] = useState("");
  const [words, setWords] = useState("");
  const list = useApi<Page<StoredDocument>>(words ? null : `/api/documents${query({ limit: PAGE, offset })}`);
  const found = useApi<{ items: SearchHit[] }>(words ? `/api/search${query({ q: words, limit: 50 })}` : null);
  const error = words ? found.error : list.error;

  return (
    <>
      <h1>Documents</h1>
      <form
        role="search"
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setWords(draft.trim());
        }}
      >
        <label>
          Search titles and texts
          <input type="search" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
        {words && (
          <button
            type="button"
            onClick={() => {
              setDraft("");
              setWords("");
            }}
          >
            Show all
          </button>
        )}
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {words ? (
        found.data && (
          <>
            <p aria-live="polite">
              {found.data.items.length} match{found.data.items.length === 1 ? "" : "es"}
            </p>
            <ul class="doc-list">
              {found.data.items.map((d) => (
                <li key={d.id}>
                  <a href={docHref(d.id)}>{d.title ?? "(untitled)"}</a> <span class="muted">{[d.outlet, d.published].filter(Boolean).join(" · ")}</span>
                  <p class="snippet">{d.snippet}</p>
                </li>
              ))}
            </ul>
          </>
        )
      ) : (
        list.data && (
          <>
            <table class="data" data-testid="documents">
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Outlet</th>
                  <th scope="col">Published</th>
                  <th scope="col" class="num">
                    Characters
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <a href={docHref(d.id)}>{d.title ?? "(untitled)"}</a>
                    </td>
                    <td>{d.outlet ?? "–"}</td>
                    <td>{d.published ?? "–"}</td>
                    <td class="num">{d.chars}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav class="pager" aria-label="Pages of documents">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous
              </button>
              <span>
                {list.data.total ? offset + 1 : 0}–{Math.min(offset + PAGE, list.data.total)} of {list.data.total}
              </span>
              <button type="button" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)}>
                Next
              </button>
            </nav>
          </>
        )
      )}
    </>
  );
}
