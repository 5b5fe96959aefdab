/**
 * The event coder as tables: every pattern's own example codes its event; sentences of ours code
 * the events expected; and a must-not-code table (historical background, hypotheticals that must
 * not become assertions, negated events, domestic politics, sport, metaphors) codes nothing wrong.
 */
import { describe, expect, it } from "vitest";
import { makeDoc } from "../core/doc.js";
import type { OutEvent } from "../core/output.js";
import { loadAnalyzer } from "../app/setup.js";
import { loadPatterns } from "../data/coding.js";

const analyzer = loadAnalyzer();
const code = (text: string, published = "2020-01-15") =>
  analyzer.analyze(makeDoc(text, { title: null, author: null, outlet: null, published, source: { path: "t" }, contentType: "text" }));

/** The states on each side of an event. */
function sides(o: ReturnType<typeof code>, e: OutEvent): { src: string[]; tgt: string[] } {
  const c = (id: string) => o.actors.find((a) => a.id === id)?.country ?? id;
  return { src: [...new Set(e.source.map(c))].sort(), tgt: [...new Set(e.target.map(c))].sort() };
}

describe("every pattern's example sentence codes its event", () => {
  const patterns = loadPatterns().map((l) => l.pattern);
  it("has examples for all patterns", () => expect(patterns.every((p) => p.example.length > 10)).toBe(true));
  it.each(patterns.map((p) => [p.id, p.example, p.type] as const))("%s: %s", (id, example, type) => {
    const o = code(example);
    const got = o.events.map((e) => `${e.rule}:${e.type}`);
    expect(got.some((g) => g.startsWith(`${id}:`)) || o.events.some((e) => e.type === type), `events: ${got.join(", ") || "none"}`).toBe(true);
  });
});

interface Want {
  type?: string;
  src: string;
  tgt: string;
  polarity: "cooperation" | "conflict";
  modality?: string;
  attributedTo?: RegExp;
  arena?: string;
  negated?: boolean;
}

const SHOULD: [string, Want][] = [
  ["Russia vetoed a draft resolution against Syria at the Security Council.", { src: "RUS", tgt: "SYR", polarity: "cooperation", type: "SUPPORT" }],
  ["China strongly condemned Japan's decision on Monday.", { src: "CHN", tgt: "JPN", polarity: "conflict", type: "ACCUSE" }],
  ["Iran and Armenia signed a gas agreement in Yerevan.", { src: "ARM,IRN", tgt: "ARM,IRN", polarity: "cooperation", type: "AGREE" }],
  ["The United States imposed new sanctions on Venezuela.", { src: "USA", tgt: "VEN", polarity: "conflict", type: "SANCTION", arena: "economic" }],
  ["Washington lifted its sanctions on Sudan.", { src: "USA", tgt: "SDN", polarity: "cooperation", type: "CONCEDE" }],
  ["India and Pakistan exchanged fire; tensions between India and Pakistan rose.", { src: "IND,PAK", tgt: "IND,PAK", polarity: "conflict" }],
  ["Turkey refused to sell drones to Armenia.", { src: "TUR", tgt: "ARM", polarity: "conflict" }],
  ["Moscow is reportedly close to an agreement with Cairo on wheat.", { src: "RUS", tgt: "EGY", polarity: "cooperation", modality: "reported" }],
  ["Kazakhstan will deepen its cooperation with China next year.", { src: "KAZ", tgt: "CHN", polarity: "cooperation", modality: "expected" }],
  ["Serbia is keen to join the European Union.", { src: "SRB", tgt: "EU", polarity: "cooperation", modality: "desired" }],
  ["If China invaded Taiwan, Japan would side with the United States.", { src: "JPN", tgt: "USA", polarity: "cooperation", modality: "hypothetical" }],
  ["According to Beijing, Russia and China share the same views on Syria.", { src: "CHN,RUS", tgt: "CHN,RUS", polarity: "cooperation", attributedTo: /CHN/ }],
  ["The Kremlin said that Russia had supported Belarus throughout the crisis.", { src: "RUS", tgt: "BLR", polarity: "cooperation", attributedTo: /RUS/ }],
  ["Tasnim news agency wrote that Pakistan must not be dependent on Saudi Arabia.", { src: "PAK", tgt: "SAU", polarity: "conflict", attributedTo: /TASNIM/ }],
  ["Iran was praised by Syria for its help.", { src: "SYR", tgt: "IRN", polarity: "cooperation" }],
  ["Russian troops crossed into Ukraine and attacked Ukrainian positions.", { src: "RUS", tgt: "UKR", polarity: "conflict", arena: "military" }],
  ["The joint Russian-Chinese naval exercise began in the Sea of Japan.", { src: "CHN,RUS", tgt: "CHN,RUS", polarity: "cooperation", arena: "military" }],
  ["Vietnam accused China of harassing its fishing boats.", { src: "VNM", tgt: "CHN", polarity: "conflict" }],
  ["Japan expelled two Russian diplomats.", { src: "JPN", tgt: "RUS", polarity: "conflict", type: "SANCTION" }],
  ["Saudi Arabia cut diplomatic ties with Qatar.", { src: "SAU", tgt: "QAT", polarity: "conflict" }],
  ["The Iranian foreign minister travelled to Beijing for talks.", { src: "IRN", tgt: "CHN", polarity: "cooperation", type: "CONSULT" }],
  ["Both Washington and Moscow want a weak Europe, one analyst said.", { src: "RUS,USA", tgt: "EU", polarity: "conflict" }],
  ["Seoul has no guarantee that the alliance with Washington will last.", { src: "KOR,USA", tgt: "KOR,USA", polarity: "conflict" }],
  ["North Korea threatened South Korea with retaliation.", { src: "PRK", tgt: "KOR", polarity: "conflict", type: "THREATEN" }],
  ["Israel apologised to Turkey for the raid.", { src: "ISR", tgt: "TUR", polarity: "cooperation" }],
];

describe("sentences code the events they hold", () => {
  it.each(SHOULD)("%s", (sentence, w) => {
    const o = code(sentence);
    const hit = o.events.find((e) => {
      const s = sides(o, e);
      const want = (x: string) => x.split(",").sort();
      const mutualOk = e.mutual && [...s.src, ...s.tgt].filter((x) => [...want(w.src), ...want(w.tgt)].includes(x)).length >= 2;
      return e.polarity === w.polarity && (mutualOk || (want(w.src).some((x) => s.src.includes(x)) && want(w.tgt).some((x) => s.tgt.includes(x))));
    });
    expect(hit, `events: ${o.events.map((e) => `${e.rule} ${e.source}->${e.target} ${e.polarity}`).join("; ") || "none"}`).toBeDefined();
    if (w.type) expect(hit!.type).toBe(w.type);
    if (w.modality) expect(hit!.modality).toBe(w.modality);
    if (w.arena) expect(hit!.arena).toContain(w.arena);
    if (w.attributedTo) expect(hit!.attributedTo ?? "").toMatch(w.attributedTo);
  });
});

/**
 * Must not code: [sentence, what must not appear]. `none`: no event at all; `asserted`: no
 * asserted event (a hypothetical must not become an assertion); `positive`: no event whose
 * polarity is the unnegated verb's (a negated event must not be coded as if it happened).
 */
type Forbid = "none" | "asserted" | "no-conflict" | "no-cooperation";
const MUST_NOT: [string, Forbid, string][] = [
  // historical background
  ["In 1941, British and Soviet troops invaded Iran.", "none", "historical"],
  ["During the Cold War, the Soviet Union armed Syria.", "none", "historical"],
  ["In 1980, Iraq attacked Iran and started an eight-year war.", "none", "historical"],
  ["Historically, Russia and Persia fought several wars in the 19th century.", "none", "historical"],
  ["In 1956, Britain and France invaded Egypt over the Suez Canal.", "none", "historical"],
  ["Back in 1972, Nixon visited China.", "none", "historical"],
  ["In 1962, the Soviet Union deployed missiles to Cuba.", "none", "historical"],
  ["The two countries signed a friendship treaty in 1921.", "none", "historical"],
  ["In 1979, the United States cut ties with Iran.", "none", "historical"],
  ["Decades ago, India and China fought a border war.", "none", "historical"],
  ["In the 1990s, Russia sold submarines to Iran.", "none", "historical"],
  ["China and Vietnam fought a short war in 1979.", "none", "historical"],
  // hypotheticals that must not become assertions
  ["If Turkey attacked Greece, NATO would be divided.", "asserted", "hypothetical"],
  ["Should Iran close the Strait of Hormuz, the United States would strike Iran.", "asserted", "hypothetical"],
  ["Russia would invade Georgia in the event of a war.", "asserted", "hypothetical"],
  ["In case of an attack, China would defend Pakistan.", "asserted", "hypothetical"],
  ["A war between India and Pakistan would be a catastrophe.", "asserted", "hypothetical"],
  ["If Washington lifts sanctions, Tehran would resume talks with the United States.", "asserted", "hypothetical"],
  ["Japan could impose sanctions on Russia if the talks fail.", "asserted", "hypothetical"],
  ["Were Israel to strike Iran, Hezbollah would attack Israel.", "asserted", "hypothetical"],
  ["Analysts say China might side with Russia if the war widens.", "asserted", "hypothetical"],
  ["If North Korea tests another missile, South Korea would respond.", "asserted", "hypothetical"],
  ["Turkey would join the European Union if the talks succeeded.", "asserted", "hypothetical"],
  ["In the event of an invasion, Poland would send troops to Lithuania.", "asserted", "hypothetical"],
  // negated events
  ["Russia did not attack Georgia.", "none", "negated"],
  ["China has never invaded Vietnam since then, officials said.", "no-conflict", "negated"],
  ["Iran did not seize the tanker, the ministry insisted.", "no-conflict", "negated"],
  ["The United States did not impose sanctions on India.", "no-conflict", "negated"],
  ["Pakistan has not attacked India.", "no-conflict", "negated"],
  ["Egypt did not expel the Turkish ambassador.", "no-conflict", "negated"],
  ["Japan has not threatened China.", "no-conflict", "negated"],
  ["Israel did not strike Syria last night, the army said.", "no-conflict", "negated"],
  ["Brazil did not sign the agreement with Argentina.", "no-cooperation", "negated"],
  ["France never supported Libya's rebels, the minister said.", "no-cooperation", "negated"],
  ["Russia will not remain committed to its alliance with Armenia, critics fear.", "no-cooperation", "negated"],
  ["Turkey did not join the sanctions against Russia.", "no-conflict", "negated"],
  // domestic politics
  ["The Iranian parliament approved the budget on Sunday.", "none", "domestic"],
  ["Russian police arrested protesters in Moscow.", "none", "domestic"],
  ["Trump criticized Biden during the debate.", "none", "domestic"],
  ["Chinese officials praised the Chinese army.", "none", "domestic"],
  ["The Indian government accused Indian opposition leaders of lying.", "none", "domestic"],
  ["Pakistan's army chief met Pakistan's prime minister.", "none", "domestic"],
  ["Turkish prosecutors detained Turkish journalists.", "none", "domestic"],
  ["Japan's ruling party elected a new leader.", "none", "domestic"],
  ["The French president visited Paris suburbs.", "none", "domestic"],
  ["Iran's reformists attacked the hardliners in parliament.", "none", "domestic"],
  // sport
  ["Iran clashed with South Korea in the World Cup qualifier.", "none", "sport"],
  ["Japan beat China 3-1 in the volleyball final.", "none", "sport"],
  ["Argentina defeated England in a bruising match.", "none", "sport"],
  ["Russia's team attacked the Swedish goal in the hockey tournament.", "none", "sport"],
  ["Brazil faces Germany in the semifinal on Tuesday.", "none", "sport"],
  ["The US team thrashed Canada in the basketball game.", "none", "sport"],
  ["India hosted Pakistan in a cricket match in Mumbai.", "none", "sport"],
  ["Croatia and Serbia clashed in the handball championship.", "none", "sport"],
  // metaphors
  ["The war of words between Russia and Ukraine escalated on state television.", "no-conflict", "metaphor"],
  ["China launched a charm offensive in Africa.", "none", "metaphor"],
  ["The price war between airlines hurt profits.", "none", "metaphor"],
  ["Mexico declared war on drug cartels.", "none", "metaphor"],
  ["Britain's fight against inflation continued.", "none", "metaphor"],
  ["Argentina's economy was hit by a storm of inflation.", "none", "metaphor"],
  ["The talks were a battle of wills, diplomats said.", "none", "metaphor"],
  ["The two leaders buried the hatchet over dinner, an aide said of the US and French presidents' rapport.", "no-conflict", "metaphor"],
  ["Germany's car industry was bombarded with complaints.", "none", "metaphor"],
];

describe("must not code", () => {
  it("has at least 60 sentences", () => expect(MUST_NOT.length).toBeGreaterThanOrEqual(60));
  it.each(MUST_NOT)("%s (%s: %s)", (sentence, forbid) => {
    const o = code(sentence);
    const show = o.events.map((e) => `${e.rule} ${e.source}->${e.target} ${e.polarity} ${e.modality}`).join("; ");
    if (forbid === "none") expect(show).toBe("");
    else if (forbid === "asserted") expect(o.events.filter((e) => e.modality === "asserted").map((e) => e.rule)).toEqual([]);
    else if (forbid === "no-conflict") expect(o.events.filter((e) => e.polarity === "conflict" && !e.negated).map((e) => `${e.rule} ${e.source}->${e.target}`)).toEqual([]);
    else expect(o.events.filter((e) => e.polarity === "cooperation").map((e) => `${e.rule} ${e.source}->${e.target}`)).toEqual([]);
  });
});
