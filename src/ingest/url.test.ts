import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchUrl, isPrivateAddress } from "./url.js";

describe("isPrivateAddress", () => {
  it.each([
    ["127.0.0.1", true], ["10.1.2.3", true], ["172.20.0.1", true], ["192.168.1.1", true], ["169.254.169.254", true],
    ["100.64.0.1", true], ["0.0.0.0", true], ["::1", true], ["fd00::1", true], ["fe80::1", true], ["::ffff:127.0.0.1", true],
    ["8.8.8.8", false], ["172.32.0.1", false], ["93.184.216.34", false], ["2001:4860:4860::8888", false],
  ])("%s → %s", (a, want) => expect(isPrivateAddress(a)).toBe(want));
});

describe("fetchUrl on a local server", () => {
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/big") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("x".repeat(5000));
      } else if (req.url === "/slow") {
        setTimeout(() => res.end("late"), 2000);
      } else if (req.url === "/redirect") {
        res.writeHead(302, { location: "/page" });
        res.end();
      } else if (req.url === "/missing") {
        res.writeHead(404);
        res.end();
      } else {
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        res.end("Iran and Russia held talks.");
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const opts = { timeoutMs: 500, maxBytes: 1000, allowPrivate: true };
  it("refuses loopback unless allowed", async () => {
    await expect(fetchUrl(`${base}/page`, { ...opts, allowPrivate: false })).rejects.toThrow(/private or loopback.*--allow-private/);
    await expect(fetchUrl(base.replace("127.0.0.1", "localhost") + "/page", { ...opts, allowPrivate: false })).rejects.toThrow(/loopback/);
  });
  it("fetches when allowed, following redirects", async () => {
    const f = await fetchUrl(`${base}/redirect`, opts);
    expect(f.bytes.toString()).toBe("Iran and Russia held talks.");
    expect(f.url).toBe(`${base}/page`);
  });
  it("caps the size", async () => expect(fetchUrl(`${base}/big`, opts)).rejects.toThrow(/over the limit/));
  it("times out", async () => expect(fetchUrl(`${base}/slow`, opts)).rejects.toThrow(/within 500 ms/));
  it("reports HTTP errors", async () => expect(fetchUrl(`${base}/missing`, opts)).rejects.toThrow(/HTTP 404/));
  it("refuses other schemes", async () => expect(fetchUrl("file:///etc/passwd", opts)).rejects.toThrow(/only http and https/));
});
