import { describe, expect, it } from "vitest";
import { checkRequest, guardFor, sessionCookie } from "./security.js";

const guard = guardFor("127.0.0.1", 4321, "secret-token");
const request = (method: string, url: string, headers: Record<string, string>) => ({ method, url, headers });

describe("checkRequest", () => {
  it("accepts the token in the query or in the session cookie", () => {
    expect(checkRequest(request("GET", "/?token=secret-token", { host: "127.0.0.1:4321" }), guard)).toEqual({ ok: true, tokenInQuery: true });
    expect(checkRequest(request("GET", "/api/events", { host: "localhost:4321", cookie: "a=b; arkor-studio-4321=secret-token" }), guard)).toEqual({
      ok: true,
      tokenInQuery: false,
    });
  });

  it("refuses a request without the token, or with a wrong one", () => {
    const message = "Missing or wrong token. Open the URL with ?token= that arkor dev printed.";
    expect(checkRequest(request("GET", "/", { host: "127.0.0.1:4321" }), guard)).toEqual({ ok: false, status: 401, message });
    expect(checkRequest(request("GET", "/?token=secret-tokeN", { host: "127.0.0.1:4321" }), guard)).toEqual({ ok: false, status: 401, message });
    expect(checkRequest(request("GET", "/", { host: "127.0.0.1:4321", cookie: "arkor-studio-4322=secret-token" }), guard)).toMatchObject({ status: 401 });
  });

  it("refuses a foreign Host (DNS rebinding) even with the token", () => {
    expect(checkRequest(request("GET", "/?token=secret-token", { host: "evil.example:4321" }), guard)).toEqual({
      ok: false,
      status: 421,
      message: 'Host "evil.example:4321" is not this server. Open the URL that arkor dev printed.',
    });
    expect(checkRequest(request("GET", "/?token=secret-token", { host: "127.0.0.1:80" }), guard)).toMatchObject({ status: 421 });
    expect(checkRequest(request("GET", "/?token=secret-token", {}), guard)).toMatchObject({ status: 421 });
  });

  it("refuses a POST from another Origin, or with none, even with the cookie", () => {
    const cookie = "arkor-studio-4321=secret-token";
    expect(checkRequest(request("POST", "/api/run", { host: "127.0.0.1:4321", cookie, origin: "http://evil.example" }), guard)).toEqual({
      ok: false,
      status: 403,
      message: 'Origin "http://evil.example" may not change anything here. Use the Studio page that arkor dev printed.',
    });
    expect(checkRequest(request("POST", "/api/run", { host: "127.0.0.1:4321", cookie }), guard)).toMatchObject({ status: 403 });
    expect(checkRequest(request("POST", "/api/run", { host: "127.0.0.1:4321", cookie, origin: "https://127.0.0.1:4321" }), guard)).toMatchObject({ status: 403 });
    expect(checkRequest(request("POST", "/api/run", { host: "127.0.0.1:4321", cookie, origin: "http://127.0.0.1:4321" }), guard)).toEqual({ ok: true, tokenInQuery: false });
  });

  it("answers to [::1] and the bound name, with the port", () => {
    const ipv6 = guardFor("::1", 5000, "t");
    expect(checkRequest(request("GET", "/?token=t", { host: "[::1]:5000" }), ipv6)).toMatchObject({ ok: true });
    expect(checkRequest(request("GET", "/?token=t", { host: "[::1]:5001" }), ipv6)).toMatchObject({ ok: false });
  });
});

describe("sessionCookie", () => {
  it("is HttpOnly and SameSite=Strict", () => {
    expect(sessionCookie(guard)).toBe("arkor-studio-4321=secret-token; HttpOnly; SameSite=Strict; Path=/");
  });
});
