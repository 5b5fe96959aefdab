/**
 * The dyad network as GraphML (Gephi, Cytoscape, yEd, networkx and igraph read it): states as
 * nodes, scored pairs as undirected edges. Every attribute is declared with a `<key>` (name,
 * domain and type) before the graph; text is XML-escaped and characters XML 1.0 forbids are
 * dropped. The figures come in as plain records (src/app computes them), so this module knows
 * nothing of how scores are made.
 */
import { ARENAS, type Arena } from "../core/output.js";

/** A state in the network. */
export interface GraphNode {
  id: string;
  name: string;
  /** signed ties at or over the network's threshold, their summed |score|, and how many are + and − */
  degree: number;
  strength: number;
  positive: number;
  negative: number;
}

/** A scored pair. */
export interface GraphEdge {
  pair: readonly [string, string];
  score: number;
  polarity: "cooperation" | "conflict" | "mixed";
  /** a→b and b→a scores (mutual events in both) */
  directed: { ab: number; ba: number };
  asymmetry: number;
  clusters: number;
  cooperation: number;
  conflict: number;
  /** +1 or −1 when the pair is an edge of the signed network (|score| at or over the threshold), else 0 */
  sign: number;
  /** score per arena, where the pair has clusters in it */
  arenas: Partial<Record<Arena, number>>;
  /** clusters per arena */
  arenaClusters: Partial<Record<Arena, number>>;
}

export interface Graph {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  /** said in the graph's description */
  description?: string;
}

type KeyType = "string" | "int" | "double" | "boolean";
interface Key {
  id: string;
  for: "node" | "edge";
  type: KeyType;
}

const NODE_KEYS: readonly Key[] = [
  { id: "name", for: "node", type: "string" },
  { id: "degree", for: "node", type: "int" },
  { id: "strength", for: "node", type: "double" },
  { id: "positive", for: "node", type: "int" },
  { id: "negative", for: "node", type: "int" },
];
const EDGE_KEYS: readonly Key[] = [
  { id: "score", for: "edge", type: "double" },
  { id: "polarity", for: "edge", type: "string" },
  { id: "sign", for: "edge", type: "int" },
  { id: "score_ab", for: "edge", type: "double" },
  { id: "score_ba", for: "edge", type: "double" },
  { id: "asymmetry", for: "edge", type: "double" },
  { id: "clusters", for: "edge", type: "int" },
  { id: "cooperation", for: "edge", type: "int" },
  { id: "conflict", for: "edge", type: "int" },
  ...ARENAS.flatMap((a): Key[] => [
    { id: `score_${a}`, for: "edge", type: "double" },
    { id: `clusters_${a}`, for: "edge", type: "int" },
  ]),
];

/** Text for XML content and attribute values: markup escaped, characters XML 1.0 forbids dropped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const data = (key: string, v: string | number | undefined) => (v === undefined ? "" : `      <data key="${key}">${xmlEscape(String(v))}</data>\n`);

/** The graph as a GraphML document. */
export function toGraphml(g: Graph): string {
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n`,
    `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n`,
  ];
  for (const k of [...NODE_KEYS, ...EDGE_KEYS]) out.push(`  <key id="${k.id}" for="${k.for}" attr.name="${k.id}" attr.type="${k.type}"/>\n`);
  out.push(`  <graph id="dyads" edgedefault="undirected">\n`);
  if (g.description) out.push(`    <desc>${xmlEscape(g.description)}</desc>\n`);
  for (const n of g.nodes) {
    out.push(`    <node id="${xmlEscape(n.id)}">\n`, data("name", n.name), data("degree", n.degree), data("strength", n.strength), data("positive", n.positive), data("negative", n.negative), `    </node>\n`);
  }
  g.edges.forEach((e, i) => {
    out.push(
      `    <edge id="e${i + 1}" source="${xmlEscape(e.pair[0])}" target="${xmlEscape(e.pair[1])}">\n`,
      data("score", e.score),
      data("polarity", e.polarity),
      data("sign", e.sign),
      data("score_ab", e.directed.ab),
      data("score_ba", e.directed.ba),
      data("asymmetry", e.asymmetry),
      data("clusters", e.clusters),
      data("cooperation", e.cooperation),
      data("conflict", e.conflict),
      ...ARENAS.flatMap((a) => [data(`score_${a}`, e.arenas[a]), data(`clusters_${a}`, e.arenaClusters[a])]),
      `    </edge>\n`,
    );
  });
  out.push(`  </graph>\n</graphml>\n`);
  return out.join("");
}
