/**
 * Fetching `http(s)` URLs with a timeout, a size cap, a bounded number of redirects, and refusal
 * of private, loopback and link-local addresses (checked on the address actually connected to,
 * so DNS rebinding cannot slip past) unless the caller allows them.
 */
import http from "node:http";
import https from "node:https";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { InputError, messageOf } from "../core/errors.js";

export interface FetchOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly allowPrivate: boolean;
  readonly maxRedirects?: number;
}

export interface Fetched {
  readonly url: string;
  readonly bytes: Buffer;
  readonly contentType: string | null;
}

function v4ToInt(a: string): number {
  return a.split(".").reduce((n, p) => n * 256 + Number(p), 0);
}
const V4_BLOCKS: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

/** Whether an IP address is loopback, private, link-local, shared, multicast or reserved. */
export function isPrivateAddress(addr: string): boolean {
  const kind = isIP(addr);
  if (kind === 4) {
    const n = v4ToInt(addr);
    return V4_BLOCKS.some(([base, bits]) => {
      const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
      return ((n & mask) >>> 0) === ((v4ToInt(base) & mask) >>> 0);
    });
  }
  if (kind === 6) {
    const a = addr.toLowerCase();
    if (a === "::1" || a === "::") return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
    if (mapped) return isPrivateAddress(mapped[1]!);
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(a);
  }
  return true;
}

function guardedLookup(allowPrivate: boolean, url: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, "", 4);
      const list = Array.isArray(addresses) ? addresses : [];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (!allowPrivate && bad) {
        return callback(new InputError("URL_REFUSED", url, `refused: ${hostname} resolves to the private or loopback address ${bad.address} (pass --allow-private to permit it)`), "", 4);
      }
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), "", 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      return callback(null, first.address, first.family);
    });
  };
}

/** Fetches a URL's body as bytes, within the limits given. */
export async function fetchUrl(url: string, opts: FetchOptions, redirects = 0): Promise<Fetched> {
  let u: URL;
  try {
    u = new URL(url);
  } catch (e) {
    throw new InputError("URL_FAILED", url, "not a valid URL", { cause: e });
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new InputError("URL_REFUSED", url, `refused: only http and https URLs are read, not ${u.protocol}`);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && isPrivateAddress(host) && !opts.allowPrivate) {
    throw new InputError("URL_REFUSED", url, `refused: ${host} is a private or loopback address (pass --allow-private to permit it)`);
  }
  const mod = u.protocol === "https:" ? https : http;
  return new Promise<Fetched>((resolve, reject) => {
    const req = mod.get(
      u,
      {
        lookup: guardedLookup(opts.allowPrivate, url),
        headers: { "user-agent": "entente/0.1 (+https://github.com/entente)", accept: "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5" },
        timeout: opts.timeoutMs,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          if (redirects >= (opts.maxRedirects ?? 5)) return reject(new InputError("URL_FAILED", url, "too many redirects"));
          const next = new URL(res.headers.location, u).toString();
          fetchUrl(next, opts, redirects + 1).then(resolve, reject);
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          return reject(new InputError("URL_FAILED", url, `the server answered HTTP ${status}`));
        }
        const declared = Number(res.headers["content-length"] ?? NaN);
        if (declared > opts.maxBytes) {
          res.destroy();
          return reject(new InputError("INPUT_TOO_LARGE", url, `the page is ${declared} bytes, over the limit of ${opts.maxBytes} (--max-bytes)`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > opts.maxBytes) {
            res.destroy();
            reject(new InputError("INPUT_TOO_LARGE", url, `the page is over the limit of ${opts.maxBytes} bytes (--max-bytes)`));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () => resolve({ url: u.toString(), bytes: Buffer.concat(chunks), contentType: res.headers["content-type"] ?? null }));
        res.on("error", (e) => reject(new InputError("URL_FAILED", url, messageOf(e), { cause: e })));
      },
    );
    req.on("timeout", () => req.destroy(new InputError("URL_FAILED", url, `no complete answer within ${opts.timeoutMs} ms (--timeout)`)));
    req.on("error", (e) => reject(e instanceof InputError ? e : new InputError("URL_FAILED", url, messageOf(e), { cause: e })));
  });
}
