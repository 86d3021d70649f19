import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import os from "node:os";

/** What a request must show: the session's token, our own Host, and for a POST our own Origin. */
export interface Guard {
  token: string;
  cookieName: string;
  /** `host:port` values the server answers to. */
  hosts: Set<string>;
}

export type Verdict = { ok: true; tokenInQuery: boolean } | { ok: false; status: number; message: string };

export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * The names this server is reached by: the host it is bound to, plus the
 * loopback names; bound to every interface (0.0.0.0, ::), each interface's address.
 */
export function hostsFor(host: string, port: number): Set<string> {
  const names = new Set([host, "localhost", "127.0.0.1", "[::1]"]);
  if (host === "0.0.0.0" || host === "::") {
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const { address, family } of addresses ?? []) names.add(family === "IPv6" ? `[${address}]` : address);
    }
  }
  return new Set([...names].map((name) => `${name.includes(":") && !name.startsWith("[") ? `[${name}]` : name}:${port}`.toLowerCase()));
}

export function guardFor(host: string, port: number, token = newToken()): Guard {
  return { token, cookieName: `arkor-studio-${port}`, hosts: hostsFor(host, port) };
}

/**
 * Checks one request. A foreign Host is a DNS-rebinding page talking to us
 * under its own name; a foreign Origin on a POST is another site's form or
 * fetch. Both are refused before the token is even looked at.
 */
export function checkRequest(request: Pick<IncomingMessage, "headers" | "method" | "url">, guard: Guard): Verdict {
  const host = request.headers.host?.toLowerCase();
  if (!host || !guard.hosts.has(host)) {
    return { ok: false, status: 421, message: `Host "${request.headers.host ?? ""}" is not this server. Open the URL that arkor dev printed.` };
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    const origin = request.headers.origin;
    if (!origin || !guard.hosts.has(origin.replace(/^http:\/\//, "").toLowerCase()) || !origin.startsWith("http://")) {
      return { ok: false, status: 403, message: `Origin "${origin ?? ""}" may not change anything here. Use the Studio page that arkor dev printed.` };
    }
  }
  const query = new URL(request.url ?? "/", "http://studio").searchParams.get("token");
  if (query !== null && sameSecret(query, guard.token)) return { ok: true, tokenInQuery: true };
  const cookie = cookieValue(request.headers.cookie, guard.cookieName);
  if (cookie !== undefined && sameSecret(cookie, guard.token)) return { ok: true, tokenInQuery: false };
  return { ok: false, status: 401, message: "Missing or wrong token. Open the URL with ?token= that arkor dev printed." };
}

/** The cookie that stands in for the token after the first load: not readable by scripts, never sent by other sites. */
export function sessionCookie(guard: Guard): string {
  return `${guard.cookieName}=${guard.token}; HttpOnly; SameSite=Strict; Path=/`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
