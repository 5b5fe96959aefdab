import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { toGraphml, xmlEscape, type Graph, type GraphEdge } from "./graphml.js";

const edge = (a: string, b: string, score: number, over: Partial<GraphEdge> = {}): GraphEdge => ({
  pair: [a, b], score, polarity: score >= 0 ? "cooperation" : "conflict", directed: { ab: score, ba: score / 2 }, asymmetry: 0.1, clusters: 3, cooperation: 2, conflict: 1,
  sign: Math.abs(score) >= 0.5 ? Math.sign(score) : 0, arenas: { political: score }, arenaClusters: { political: 3 }, ...over,
});

const GRAPH: Graph = {
  description: "test <network> & co",
  nodes: [
    { id: "CHN", name: "China", degree: 2, strength: 5, positive: 2, negative: 0 },
    { id: "IRN", name: "Iran & \"Persia\" <'>", degree: 2, strength: 6, positive: 1, negative: 1 },
    { id: "RUS", name: "Россия", degree: 2, strength: 4, positive: 2, negative: 0 },
    { id: "A&B", name: "odd\u0001id", degree: 0, strength: 0, positive: 0, negative: 0 },
  ],
  edges: [
    edge("CHN", "IRN", 3.5, { arenas: { political: 2, economic: 4.25 }, arenaClusters: { political: 1, economic: 2 } }),
    edge("IRN", "RUS", -2.5, { polarity: "mixed" }),
    edge("CHN", "RUS", 0.2),
    edge("A&B", "CHN", 0.1, { arenas: {}, arenaClusters: {} }),
  ],
};

type Data = { "@_key": string; "#text": string | number };
type El = { "@_id": string; "@_source"?: string; "@_target"?: string; data?: Data | Data[] };

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (n) => ["key", "node", "edge", "data"].includes(n) }).parse(xml);
  const g = doc.graphml;
  const attrs = (el: El): Record<string, string> => Object.fromEntries(([] as Data[]).concat(el.data ?? []).map((d) => [d["@_key"], String(d["#text"])]));
  return {
    root: g,
    keys: (g.key as Record<string, string>[]).map((k) => ({ id: k["@_id"], for: k["@_for"], name: k["@_attr.name"], type: k["@_attr.type"] })),
    nodes: ((g.graph.node ?? []) as El[]).map((n): Record<string, string> => ({ id: n["@_id"], ...attrs(n) })),
    edges: ((g.graph.edge ?? []) as El[]).map((e): Record<string, string> => ({ source: e["@_source"] ?? "", target: e["@_target"] ?? "", ...attrs(e) })),
    desc: g.graph.desc as string,
    edgedefault: g.graph["@_edgedefault"] as string,
  };
}

describe("GraphML", () => {
  const xml = toGraphml(GRAPH);
  const p = parse(xml);

  it("is well-formed GraphML in its namespace, undirected", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(p.root["@_xmlns"]).toBe("http://graphml.graphdrawing.org/xmlns");
    expect(p.edgedefault).toBe("undirected");
  });

  it("declares every attribute it uses, with a type, before the graph", () => {
    const declared = new Map(p.keys.map((k) => [k.id, k]));
    for (const n of p.nodes) for (const k of Object.keys(n).filter((k) => k !== "id")) expect(declared.get(k)?.for, k).toBe("node");
    for (const e of p.edges) for (const k of Object.keys(e).filter((k) => k !== "source" && k !== "target")) expect(declared.get(k)?.for, k).toBe("edge");
    for (const k of p.keys) expect(["string", "int", "double", "boolean"]).toContain(k.type);
    expect(xml.indexOf("<key")).toBeLessThan(xml.indexOf("<graph "));
  });

  it("has a node per state and an edge per pair, every edge between known nodes", () => {
    expect(p.nodes.map((n) => n.id)).toEqual(GRAPH.nodes.map((n) => n.id));
    expect(p.edges).toHaveLength(GRAPH.edges.length);
    const ids = new Set(p.nodes.map((n) => n.id));
    for (const e of p.edges) expect(ids.has(e.source!) && ids.has(e.target!)).toBe(true);
  });

  it.each(GRAPH.edges.map((e, i) => [e.pair.join("–"), i] as const))("edge %s carries its figures", (_, i) => {
    const want = GRAPH.edges[i]!;
    const got = p.edges[i]!;
    expect([got.source, got.target]).toEqual(want.pair);
    expect(Number(got.score)).toBe(want.score);
    expect(got.polarity).toBe(want.polarity);
    expect(Number(got.sign)).toBe(want.sign);
    expect(Number(got.clusters)).toBe(want.clusters);
    expect(Number(got.score_ab)).toBe(want.directed.ab);
    for (const a of ["political", "economic", "military", "security"] as const) {
      expect(got[`score_${a}`] === undefined ? undefined : Number(got[`score_${a}`])).toBe(want.arenas[a]);
      expect(got[`clusters_${a}`] === undefined ? undefined : Number(got[`clusters_${a}`])).toBe(want.arenaClusters[a]);
    }
  });

  it("escapes markup in names, ids and the description, and drops characters XML forbids", () => {
    expect(p.nodes[1]!.name).toBe("Iran & \"Persia\" <'>");
    expect(p.nodes[2]!.name).toBe("Россия");
    expect(p.nodes[3]).toMatchObject({ id: "A&B", name: "oddid" });
    expect(p.edges[3]!.source).toBe("A&B");
    expect(p.desc).toBe("test <network> & co");
  });

  it.each([
    ["a<b", "a&lt;b"],
    ["x & y", "x &amp; y"],
    ['"q"', "&quot;q&quot;"],
    ["it's", "it&apos;s"],
    ["bell\u0007", "bell"],
    ["tab\there", "tab\there"],
    ["🤝", "🤝"],
  ])("xmlEscape(%j) = %j", (s, want) => expect(xmlEscape(s)).toBe(want));

  it("an empty network is still a valid document", () => {
    const e = parse(toGraphml({ nodes: [], edges: [] }));
    expect(e.keys.length).toBeGreaterThan(0);
  });
});
