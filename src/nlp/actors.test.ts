/**
 * Actor recognition as a table: a phrase in context → the actor it names (id, type, country),
 * or `null` where nothing must be recognised there. Sentences are ours.
 */
import { describe, expect, it } from "vitest";
import { makeDoc } from "../core/doc.js";
import { loadAnalyzer } from "../app/setup.js";
import type { ActorMention, DocActor } from "./actors.js";

const analyzer = loadAnalyzer();

function analyse(text: string, published: string | null = "2019-06-01") {
  const doc = analyzer.process(makeDoc(text, { title: null, author: null, outlet: null, published, source: { path: "t" }, contentType: "text" }));
  return { doc, mentions: doc.layers.mentions as ActorMention[], actors: doc.layers.actors as DocActor[] };
}

interface Want {
  /** must not be this actor, nor an actor of this country */
  not?: string;
  id?: string;
  type?: string;
  country?: string | null;
  name?: RegExp;
  role?: RegExp;
  leaning?: RegExp;
}

/** [sentence, surface (first occurrence), what it must be; null: no actor there; {not}: not that one]. */
type Row = [string, string, Want | null];

const ROWS: Row[] = [
  // states by name, short form and long form
  ["Iran and Russia signed a deal.", "Iran", { id: "IRN", type: "state" }],
  ["Iran and Russia signed a deal.", "Russia", { id: "RUS", type: "state" }],
  ["The Islamic Republic of Iran rejected the claim.", "Islamic Republic of Iran", { id: "IRN" }],
  ["The Russian Federation vetoed it.", "Russian Federation", { id: "RUS" }],
  ["The People's Republic of China objected.", "People's Republic of China", { id: "CHN" }],
  ["The United States imposed sanctions.", "United States", { id: "USA" }],
  ["The U.S. imposed sanctions.", "U.S.", { id: "USA" }],
  ["The US imposed sanctions on Tehran.", "US", { id: "USA" }],
  ["Britain and France disagreed.", "Britain", { id: "GBR" }],
  ["The UK left the bloc.", "UK", { id: "GBR" }],
  ["North Korea fired a missile.", "North Korea", { id: "PRK" }],
  ["South Korea protested.", "South Korea", { id: "KOR" }],
  ["The DPRK denied it.", "DPRK", { id: "PRK" }],
  ["Talks with Saudi Arabia resumed.", "Saudi Arabia", { id: "SAU" }],
  ["The United Arab Emirates reopened its embassy.", "United Arab Emirates", { id: "ARE" }],
  ["Israel struck targets in Syria.", "Syria", { id: "SYR" }],
  ["Israel struck targets in Syria.", "Israel", { id: "ISR" }],
  ["Turkey bought Russian missiles.", "Turkey", { id: "TUR" }],
  ["Türkiye bought Russian missiles.", "Türkiye", { id: "TUR" }],
  ["The Netherlands joined the mechanism.", "Netherlands", { id: "NLD" }],
  ["Georgia applied to join NATO.", "Georgia", { id: "GEO" }],
  ["Jordan hosted the refugees.", "Jordan", { id: "JOR" }],
  ["China and India clashed on the border.", "China", { id: "CHN" }],
  ["China and India clashed on the border.", "India", { id: "IND" }],
  ["Pakistan recalled its envoy.", "Pakistan", { id: "PAK" }],
  ["Ukraine asked for air defence.", "Ukraine", { id: "UKR" }],
  ["Venezuela sold oil to Cuba.", "Cuba", { id: "CUB" }],
  ["Egypt mediated between the parties.", "Egypt", { id: "EGY" }],
  ["Qatar hosted the Taliban office.", "Qatar", { id: "QAT" }],
  ["Japan lodged a protest.", "Japan", { id: "JPN" }],
  ["Germany, France and Italy met.", "Italy", { id: "ITA" }],
  ["Burma released prisoners.", "Burma", { id: "MMR" }],
  ["The Soviet Union signed the treaty in 1987.", "Soviet Union", { id: "SUN" }],
  ["The USSR and the US agreed.", "USSR", { id: "SUN" }],
  ["Belgium, Denmark and Sweden joined.", "Denmark", { id: "DNK" }],
  ["Finland applied as well.", "Finland", { id: "FIN" }],
  ["Armenia and Azerbaijan fought.", "Azerbaijan", { id: "AZE" }],
  ["Iraq expelled the diplomats.", "Iraq", { id: "IRQ" }],
  ["Afghanistan's neighbours met.", "Afghanistan", { id: "AFG" }],
  ["Taiwan bought American jets.", "Taiwan", { id: "TWN" }],
  // demonyms and plurals
  ["The Russians are keen to help.", "Russians", { id: "RUS", type: "state" }],
  ["The Americans withdrew.", "Americans", { id: "USA" }],
  ["Iranian officials denied it.", "Iranian officials", { id: "IRNGOV", type: "government", country: "IRN" }],
  ["Russian media reported the deal.", "Russian media", { id: "RUSMED", type: "media", country: "RUS" }],
  ["Chinese state media said so.", "Chinese state media", { id: "CHNMED", type: "media" }],
  ["Russian troops crossed the border.", "Russian troops", { id: "RUSMIL", type: "military" }],
  ["The Iranian navy took part.", "Iranian navy", { id: "IRNMIL", type: "military" }],
  ["The Chinese navy sent a destroyer.", "Chinese navy", { id: "CHNMIL" }],
  ["American forces left the base.", "American forces", { id: "USAMIL" }],
  ["Iranian intelligence services arrested them.", "Iranian intelligence services", { id: "IRNSPY" }],
  ["Russian lawmakers approved it.", "Russian lawmakers", { id: "RUSLEG" }],
  ["Iran's navy fired a missile.", "Iran's navy", { id: "IRNMIL" }],
  ["Russia's foreign ministry summoned him.", "Russia's foreign ministry", { id: "RUSGOV" }],
  ["Russian reluctance to sell arms grew.", "Russian", { id: "RUS" }],
  ["the joint Iranian-Russian-Chinese naval drill", "Iranian", { id: "IRN" }],
  ["the joint Iranian-Russian-Chinese naval drill", "Russian", { id: "RUS" }],
  ["the joint Iranian-Russian-Chinese naval drill", "Chinese", { id: "CHN" }],
  ["Saudi officials welcomed it.", "Saudi officials", { id: "SAUGOV" }],
  ["Israeli jets struck again.", "Israeli", { id: "ISR" }],
  ["Turkish troops entered Syria.", "Turkish troops", { id: "TURMIL" }],
  ["North Korean state media said so.", "North Korean state media", { id: "PRKMED" }],
  ["British diplomats left.", "British diplomats", { id: "GBRGOV" }],
  ["Pakistani forces responded.", "Pakistani forces", { id: "PAKMIL" }],
  ["Ukrainian forces advanced.", "Ukrainian forces", { id: "UKRMIL" }],
  // capitals and seats as governments
  ["Tehran rejected the offer.", "Tehran", { id: "IRNGOV", type: "government", country: "IRN" }],
  ["Moscow and Beijing agreed.", "Moscow", { id: "RUSGOV", country: "RUS" }],
  ["Moscow and Beijing agreed.", "Beijing", { id: "CHNGOV", country: "CHN" }],
  ["Washington blamed Tehran.", "Washington", { id: "USAGOV", country: "USA" }],
  ["The Kremlin denied the report.", "Kremlin", { id: "RUSGOV" }],
  ["The White House said no.", "White House", { id: "USAGOV" }],
  ["Ankara warned Damascus.", "Damascus", { id: "SYRGOV" }],
  ["Seoul and Tokyo met.", "Tokyo", { id: "JPNGOV" }],
  ["Riyadh and Tehran restored ties.", "Riyadh", { id: "SAUGOV" }],
  ["Pyongyang fired again.", "Pyongyang", { id: "PRKGOV" }],
  ["Kyiv asked for help.", "Kyiv", { id: "UKRGOV" }],
  ["London and Paris objected.", "Paris", { id: "FRAGOV" }],
  ["New Delhi and Islamabad talked.", "Islamabad", { id: "PAKGOV" }],
  // offices, officials and appositions, with dates
  ["The Iranian foreign minister, Mohammad Javad Zarif, arrived.", "Mohammad Javad Zarif", { type: "official", country: "IRN", role: /foreign minister/ }],
  ["The Iranian foreign minister, Mohammad Javad Zarif, arrived.", "Iranian foreign minister", { type: "official", country: "IRN", name: /Zarif/ }],
  ["Zarif flew to Moscow.", "Zarif", { type: "official", country: "IRN", name: /Zarif/ }],
  ["Sergei Lavrov met his counterpart.", "Sergei Lavrov", { type: "official", country: "RUS", role: /foreign minister/ }],
  ["Lavrov said the talks went well.", "Lavrov", { country: "RUS", name: /Lavrov/ }],
  ["Vladimir Putin received the delegation.", "Vladimir Putin", { country: "RUS", role: /^president$/ }],
  ["Putin spoke on the phone.", "Putin", { country: "RUS", name: /Putin/ }],
  ["Xi Jinping visited Tehran.", "Xi Jinping", { country: "CHN" }],
  ["Hassan Rouhani addressed the UN.", "Hassan Rouhani", { country: "IRN", role: /president/ }],
  ["Benjamin Netanyahu warned Iran.", "Benjamin Netanyahu", { country: "ISR" }],
  ["Donald Trump withdrew from the deal.", "Donald Trump", { country: "USA", role: /president/ }],
  ["Mike Pompeo visited Riyadh.", "Mike Pompeo", { country: "USA", role: /secretary of state/ }],
  ["Recep Tayyip Erdogan met Putin.", "Recep Tayyip Erdogan", { country: "TUR" }],
  ["Ali Khamenei gave a speech.", "Ali Khamenei", { country: "IRN", role: /supreme leader/ }],
  ["The Russian president received him.", "Russian president", { country: "RUS", name: /Putin/ }],
  ["The American secretary of state flew in.", "American secretary of state", { country: "USA", name: /Pompeo/ }],
  ["The Chinese foreign minister spoke.", "Chinese foreign minister", { country: "CHN", name: /Wang Yi/ }],
  ["The foreign minister of Iran spoke.", "foreign minister of Iran", { country: "IRN", name: /Zarif/ }],
  ["Iran's supreme leader spoke.", "Iran's supreme leader", { country: "IRN", name: /Khamenei/ }],
  ["Mohsen Rezaei, a former commander of the Revolutionary Guards, spoke.", "Mohsen Rezaei", { country: "IRN", name: /Rezaei/ }],
  // organisations, agreements and mechanisms
  ["Russia vetoed it in the UN Security Council.", "UN Security Council", { type: "igo", name: /Security Council/ }],
  ["The United Nations Security Council met.", "United Nations Security Council", { type: "igo", name: /Security Council/ }],
  ["The Security Council met again.", "Security Council", { type: "igo", name: /Security Council/ }],
  ["Iran joined the Shanghai Cooperation Organization.", "Shanghai Cooperation Organization", { type: "igo", name: /Shanghai/ }],
  ["The SCO admitted Iran.", "SCO", { type: "igo", name: /Shanghai/ }],
  ["The United Nations condemned the attack.", "United Nations", { type: "igo" }],
  ["The UN condemned the attack.", "UN", { type: "igo" }],
  ["NATO expanded again.", "NATO", { type: "igo" }],
  ["The EU extended sanctions.", "EU", { type: "igo" }],
  ["The European Union extended sanctions.", "European Union", { type: "igo" }],
  ["The IAEA inspected the site.", "IAEA", { type: "igo" }],
  ["OPEC cut output.", "OPEC", { type: "igo" }],
  ["The Arab League condemned it.", "Arab League", { type: "igo" }],
  ["BRICS admitted new members.", "BRICS", { type: "igo" }],
  ["The WTO ruled against it.", "WTO", { type: "igo" }],
  ["The Joint Comprehensive Plan of Action was signed.", "Joint Comprehensive Plan of Action", { type: "agreement" }],
  ["The JCPOA collapsed.", "JCPOA", { type: "agreement" }],
  ["Russia wants to join INSTEX.", "INSTEX", { type: "mechanism" }],
  ["The Instrument in Support of Trade Exchanges was created.", "Instrument in Support of Trade Exchanges", { type: "mechanism" }],
  ["New START expires soon.", "New START", { type: "agreement" }],
  ["The Islamic Revolutionary Guard Corps fired missiles.", "Islamic Revolutionary Guard Corps", { country: "IRN", name: /Revolutionary Guard/ }],
  ["The IRGC seized a tanker.", "IRGC", { country: "IRN" }],
  ["Hezbollah fired rockets.", "Hezbollah", { type: "group" }],
  ["The Taliban took Kabul.", "Taliban", { type: "group" }],
  ["A professor at the University of Tehran wrote it.", "University of Tehran", { type: "organization", country: "IRN" }],
  // outlets with country and leaning, from data and from the text
  ["The reformist newspaper Shargh said so.", "Shargh", { type: "media", country: "IRN", leaning: /reformist/ }],
  ["The Iranian hardline newspaper Kayhan wrote it.", "Kayhan", { type: "media", country: "IRN", leaning: /hardline/ }],
  ["The state-owned Iranian Students News Agency echoed it.", "Iranian Students News Agency", { type: "media", country: "IRN", leaning: /state-owned/ }],
  ["The conservative Baztab news website wrote it.", "Baztab", { type: "media", country: "IRN", leaning: /conservative/ }],
  ["The reformist news website Entekhab said so.", "Entekhab", { type: "media", country: "IRN", leaning: /reformist/ }],
  ["Tasnim news agency reported the visit.", "Tasnim", { type: "media", country: "IRN" }],
  ["TASS reported the visit.", "TASS", { type: "media", country: "RUS" }],
  ["Xinhua reported the visit.", "Xinhua", { type: "media", country: "CHN" }],
  ["Reuters reported the visit.", "Reuters", { type: "media" }],
  ["The New York Times published the cables.", "New York Times", { type: "media", country: "USA" }],
  ["The Intercept published the cables.", "Intercept", { type: "media", country: "USA" }],
  ["Al Jazeera broadcast the speech.", "Al Jazeera", { type: "media", country: "QAT" }],
  ["The Global Times said so.", "Global Times", { type: "media", country: "CHN" }],
  ["Press TV aired the interview.", "Press TV", { type: "media", country: "IRN" }],
  ["The pro-government daily Vatanpress wrote it.", "Vatanpress", { type: "media", leaning: /pro-government/ }],
  // places are not actors
  ["The drill took place in the Gulf of Oman.", "Gulf of Oman", { type: "region" }],
  ["Ships crossed the Strait of Hormuz.", "Strait of Hormuz", { type: "region" }],
  ["Russia may occupy the Caucasus.", "Caucasus", { type: "region" }],
  ["They met in the Middle East.", "Middle East", { type: "region" }],
  ["The Indian Ocean drill began.", "Indian Ocean", { type: "region" }],
  // coreference
  ["Iran and Russia met. The two countries agreed to expand trade.", "The two countries", { id: "IRN" }],
  ["Russia helped Iran. It also sold arms.", "It", { id: "RUS" }],
  ["The Russians have no desire to fight, but they will side with Iran.", "they", { id: "RUS" }],
  // unknown names kept
  ["Dariush Kamrani-Farahani met reporters in Tehran.", "Dariush Kamrani-Farahani", { type: "person" }],
  ["The Caspian Institute for Strategic Studies published a report.", "Caspian Institute for Strategic Studies", { type: "organization" }],
  // must not match
  ["She grew up in Atlanta, Georgia, and studied law.", "Georgia", { not: "GEO" }],
  ["Georgia Tech won the game.", "Georgia", { not: "GEO" }],
  ["The governor of Georgia signed the bill.", "Georgia", { not: "GEO" }],
  ["We ate roast turkey for dinner.", "turkey", null],
  ["Turkey sandwiches were served at the reception.", "Turkey", { not: "TUR" }],
  ["Wild Turkey is a bourbon brand.", "Turkey", { not: "TUR" }],
  ["She set the table with fine china.", "china", null],
  ["The China cabinet was an antique.", "China", { not: "CHN" }],
  ["Michael Jordan won six titles.", "Jordan", { not: "JOR" }],
  ["Jordan Peterson gave a lecture.", "Jordan", { not: "JOR" }],
  ["Chad Smith played the drums.", "Chad", { not: "TCD" }],
  ["The guinea pig escaped.", "guinea", null],
  ["Let us go home.", "us", { not: "USA" }],
  ["It was stated that the deal was off.", "It", null],
  ["He is a china collector.", "china", null],
  ["The Niger River floods every year.", "Niger", { type: "region" }],
  ["They sang in Washington Square.", "Washington", { not: "USA" }],
  ["The senator from Washington State objected.", "Washington", { not: "USA" }],
  ["Paris Hilton attended the party.", "Paris", { not: "FRA" }],
  ["Jersey cows give rich milk.", "Jersey", { not: "JEY" }],
  ["The March meeting was cancelled.", "March", null],
  ["President Carter's memoir sold well.", "President", null],
  ["Guinea-Bissau held elections.", "Guinea-Bissau", { id: "GNB" }],
  ["Papua New Guinea signed the pact.", "Papua New Guinea", { id: "PNG" }],
  ["Equatorial Guinea signed the pact.", "Equatorial Guinea", { id: "GNQ" }],
  ["The Congo river is long.", "Congo", { not: "COG" }],
  ["Dominica and the Dominican Republic both voted.", "Dominica", { id: "DMA" }],
  ["Dominica and the Dominican Republic both voted.", "Dominican Republic", { id: "DOM" }],
  ["Niger and Nigeria closed the border.", "Nigeria", { id: "NGA" }],
];

describe("actor recognition table", () => {
  it("has at least 150 rows", () => expect(ROWS.length).toBeGreaterThanOrEqual(150));
  it.each(ROWS)("%s → %s", (sentence, surface, want) => {
    const { doc, mentions, actors } = analyse(sentence);
    const at = doc.text.indexOf(surface);
    expect(at, `"${surface}" is in the sentence`).toBeGreaterThanOrEqual(0);
    const end = at + surface.length;
    const hit = mentions.find((m) => m.start === at && m.end === end) ?? mentions.find((m) => m.start <= at && m.end >= end);
    const actor = hit ? actors.find((a) => a.id === hit.actor) : undefined;
    if (want === null) {
      const real = hit && actor && actor.type !== "region";
      expect(real ? `${actor!.id} (${actor!.type}) via ${hit!.rule}` : null).toBeNull();
      return;
    }
    if (want.not) {
      const bad = hit && actor && actor.type !== "region" && (actor.id === want.not || actor.country === want.not);
      expect(bad ? `${actor!.id} (${actor!.type}) via ${hit!.rule}` : null).toBeNull();
      return;
    }
    expect(hit, `a mention at "${surface}"`).toBeDefined();
    expect(actor).toBeDefined();
    const a = actor!;
    if (want.id) expect(a.id).toBe(want.id);
    if (want.type) expect(a.type).toBe(want.type);
    if (want.country !== undefined) expect(a.country).toBe(want.country);
    if (want.name) expect(a.name).toMatch(want.name);
    if (want.role) expect(a.role ?? "").toMatch(want.role);
    if (want.leaning) expect(a.leaning ?? "").toMatch(want.leaning);
  });
});

describe("date-aware roles", () => {
  const roleOf = (sentence: string, surface: string, date: string) => {
    const { doc, mentions, actors } = analyse(sentence, date);
    const at = doc.text.indexOf(surface);
    const m = mentions.find((x) => x.start <= at && x.end >= at + surface.length);
    return actors.find((a) => a.id === m?.actor);
  };
  it.each([
    ["Vladimir Putin met the envoy.", "Vladimir Putin", "2010-06", /prime minister/],
    ["Vladimir Putin met the envoy.", "Vladimir Putin", "2015-06", /^president$/],
    ["Ebrahim Raisi met the envoy.", "Ebrahim Raisi", "2020-01", /judiciary/],
    ["Ebrahim Raisi met the envoy.", "Ebrahim Raisi", "2022-01", /^president$/],
    ["Mike Pompeo met the envoy.", "Mike Pompeo", "2017-06", /CIA/i],
    ["Mike Pompeo met the envoy.", "Mike Pompeo", "2019-06", /secretary of state/],
    ["Mohammad Javad Zarif met the envoy.", "Mohammad Javad Zarif", "2016-06", /foreign minister/],
    ["Mohammad Javad Zarif met the envoy.", "Mohammad Javad Zarif", "2023-06", /former/],
  ])("%s at %s is %s", (s, surface, date, role) => {
    expect(roleOf(s, surface, date)?.role ?? "").toMatch(role);
  });
  it.each([
    ["The Iranian foreign minister arrived.", "Iranian foreign minister", "2016-06", /Zarif/],
    ["The Iranian foreign minister arrived.", "Iranian foreign minister", "2022-06", /Amir-Abdollahian/],
    ["The Russian president arrived.", "Russian president", "2010-06", /Medvedev/],
    ["The Russian president arrived.", "Russian president", "2019-06", /Putin/],
    ["The American president arrived.", "American president", "2014-06", /Obama/],
    ["The American president arrived.", "American president", "2022-06", /Biden/],
  ])("%s at %s is %s", (s, surface, date, name) => {
    expect(roleOf(s, surface, date)?.name ?? "").toMatch(name);
  });
});
