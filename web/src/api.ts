/**
 * Talking to the API: one fetch wrapper that turns the server's `{ error, status }` bodies into
 * thrown errors with its message, a hook for reads, the write token kept for the browser tab,
 * and the few formatting helpers every page uses.
 */
import { useEffect, useState } from "preact/hooks";

/** A refusal or failure from the API, carrying the server's own message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: "application/json", ...init?.headers } });
  } catch (err) {
    throw new ApiError(`the server did not answer (${err instanceof Error ? err.message : String(err)})`, 0);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body && typeof body === "object" && "error" in body ? String(body.error) : `${res.status} ${res.statusText}`;
    throw new ApiError(message, res.status);
  }
  return body as T;
}

/** A query string from the values that are set. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** Reads a path, again whenever it or `again` changes; null reads nothing. */
export function useApi<T>(path: string | null, again?: unknown): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: path !== null });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    api<T>(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (err: unknown) => live && setState({ data: null, error: err instanceof Error ? err.message : String(err), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, again]);
  return state;
}

/** Tells the page that the store changed (a document added, a correction made). */
export const STORE_CHANGED = "entente:store-changed";
export const storeChanged = () => dispatchEvent(new Event(STORE_CHANGED));

// The write token lives in sessionStorage: it survives reloads but not closing the tab.
const TOKEN_KEY = "entente.token";

export function getToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? "";
  } catch {
    return ""; // storage can be disabled; the field then just starts empty
  }
}

export function setToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token is still held by the form for this page
  }
}

export const authHeader = (token: string): Record<string, string> => (token ? { authorization: `Bearer ${token.trim()}` } : {});

/** A document id as it appears in a hash route (ids look like "sha256:…"; keep the colon readable). */
export const docHref = (id: string) => `#/document/${encodeURIComponent(id).replace(/%3A/gi, ":")}`;
export const dyadHref = (a: string, b: string) => `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
export const docPath = (id: string) => `/api/documents/${encodeURIComponent(id)}`;

/** "docId#eventId" → its two halves; the event id never holds a '#'. */
export function splitRef(ref: string): { docId: string; eventId: string } {
  const i = ref.lastIndexOf("#");
  return { docId: ref.slice(0, i), eventId: ref.slice(i + 1) };
}

/** A score with its sign, e.g. "+7.47" or "−4.52". */
export function signed(x: number, digits = 2): string {
  const s = Math.abs(x).toFixed(digits);
  return x > 0 ? `+${s}` : x < 0 ? `−${s}` : s;
}
