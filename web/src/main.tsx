/**
 * The analyst's dashboard: a header with the store's counts, a nav, and one page per hash route.
 * Hash routes keep every page a plain link that the server never has to know about.
 */
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { STORE_CHANGED, useApi } from "./api";
import type { Health } from "./types";
import { NetworkPage } from "./pages/Network";
import { DyadPage } from "./pages/Dyad";
import { DocumentPage } from "./pages/Document";
import { DocumentsPage } from "./pages/Documents";
import { AddPage } from "./pages/Add";
import { ReviewPage } from "./pages/Review";
import "./style.css";

type Route =
  | { page: "network" }
  | { page: "dyad"; a: string; b: string }
  | { page: "document"; id: string }
  | { page: "documents" }
  | { page: "add" }
  | { page: "review" }
  | { page: "missing"; hash: string };

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a stray '%' in a hand-typed address: take it as it is
  }
}

function routeOf(hash: string): Route {
  const path = hash.replace(/^#\/?/, "").split("?")[0]!;
  const [head = "", ...rest] = path.split("/");
  if (head === "" || head === "network") return { page: "network" };
  if (head === "dyad" && rest.length === 2 && rest[0] && rest[1]) return { page: "dyad", a: decode(rest[0]), b: decode(rest[1]) };
  if (head === "document" && rest.length) return { page: "document", id: decode(rest.join("/")) };
  if (head === "documents") return { page: "documents" };
  if (head === "add") return { page: "add" };
  if (head === "review") return { page: "review" };
  return { page: "missing", hash };
}

const NAV: { page: Route["page"]; href: string; label: string }[] = [
  { page: "network", href: "#/network", label: "Network" },
  { page: "documents", href: "#/documents", label: "Documents" },
  { page: "add", href: "#/add", label: "Add" },
  { page: "review", href: "#/review", label: "Review" },
];

function App() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  const route = routeOf(hash);

  // after a route change, move focus to the new page so screen readers and keyboards start there
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: false });
  }, [hash]);

  // counts are read again on every route change and after every write
  const [writes, setWrites] = useState(0);
  useEffect(() => {
    const onChange = () => setWrites((n) => n + 1);
    addEventListener(STORE_CHANGED, onChange);
    return () => removeEventListener(STORE_CHANGED, onChange);
  }, []);
  const health = useApi<Health>("/api/health", `${hash}#${writes}`);
  const counts = health.data;

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
      <header class="top">
        <p class="brand">
          <a href="#/network">Entente</a>
        </p>
        <nav aria-label="Pages">
          <ul>
            {NAV.map((n) => (
              <li key={n.page}>
                <a href={n.href} aria-current={route.page === n.page ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="counts" data-testid="counts">
          {counts ? `${counts.documents} documents · ${counts.actors} actors · ${counts.events} events` : health.error ? "store unavailable" : "…"}
        </p>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "network":
      return <NetworkPage />;
    case "dyad":
      return <DyadPage key={`${route.a}/${route.b}`} a={route.a} b={route.b} />;
    case "document":
      return <DocumentPage key={route.id} id={route.id} />;
    case "documents":
      return <DocumentsPage />;
    case "add":
      return <AddPage />;
    case "review":
      return <ReviewPage />;
    case "missing":
      return (
        <>
          <h1>Not found</h1>
          <p>
            There is no page here. Go to the <a href="#/network">network</a>.
          </p>
        </>
      );
  }
}

render(<App />, document.getElementById("app")!);
