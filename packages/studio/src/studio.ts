import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ArkorCommandLine } from "./arkorProcess.js";
import { resolveArkorCommand } from "./arkorBin.js";
import { EventLog } from "./eventLog.js";
import { PAGE_HTML } from "./pageHtml.js";
import { ProjectWatch } from "./projectWatch.js";
import { Runs } from "./runs.js";
import { checkRequest, guardFor, sessionCookie, type Guard } from "./security.js";
import { streamEvents } from "./sse.js";
import { PROJECT_DEFAULT, RunBackends } from "./runBackends.js";
import { cancelJob, jobFromSegment, jobSeries, streamJob, streamJobs } from "./jobRoutes.js";
import { JobsFeed } from "./jobsFeed.js";
import type { JobBackend } from "@arkor/core";

export const DEFAULT_PORT = 4321;
export const DEFAULT_HOST = "127.0.0.1";

export interface StudioOptions {
  /** The project root, absolute. */
  cwd: string;
  /** Default 127.0.0.1: only this machine can reach it. */
  host?: string;
  /** Default 4321; when it is taken, a free port is picked (see `portTaken`). */
  port?: number;
  /** How to run arkor; default: node with the `arkor` bin installed in the project. */
  arkor?: ArkorCommandLine;
  /** Whether to keep the artifact fresh with `arkor build --watch` (default true). */
  watch?: boolean;
}

export interface Studio {
  /** The URL to open, with the session's token. */
  url: string;
  port: number;
  /** Set when the asked-for port was taken and another was picked. */
  portTaken?: number;
  /** Stops every run (its cancel() runs), the watcher and the server; resolves once no child is left. */
  close(): Promise<void>;
}

const PAGE_DIR = new URL("./page/", import.meta.url);

/** Starts the Studio's server for one project. */
export async function startStudio(options: StudioOptions): Promise<Studio> {
  const cwd = path.resolve(options.cwd);
  const host = options.host ?? DEFAULT_HOST;
  const arkor = options.arkor ?? resolveArkorCommand(cwd);
  const log = new EventLog();
  const project = { cwd, name: await projectName(cwd) };
  log.append({ type: "project", ...project });
  const runs = new Runs({ cwd, arkor, log });
  const watch = new ProjectWatch({ cwd, arkor, log });
  let guard: Guard | undefined;

  const backends = new RunBackends(cwd);
  const feed = new JobsFeed({ cwd, loadBackend: builtinBackend });
  feed.start();
  const jobs = { cwd, feed, arkor };

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: String(error) });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = checkRequest(request, guard!);
    if (!verdict.ok && verdict.status === 401 && request.method === "GET" && request.headers.accept?.includes("text/html")) {
      // A bookmark opened in a later session (a new token): a page that says what to do, rather than JSON.
      return text(response, 401, "text/html; charset=utf-8", tokenNeededHtml(verdict.message));
    }
    if (!verdict.ok) return send(response, verdict.status, { error: verdict.message });
    const url = new URL(request.url ?? "/", "http://studio");
    const { pathname } = url;
    if (verdict.tokenInQuery && request.method === "GET") {
      // The token moves into a cookie, and out of the address bar and the history; the rest of the address stays.
      url.searchParams.delete("token");
      response.writeHead(303, { location: `${pathname}${url.search}`, "set-cookie": sessionCookie(guard!), "cache-control": "no-store" });
      return void response.end();
    }
    const jobPage = /^\/jobs\/([^/]+)$/.exec(pathname);
    if (jobPage) return handleJob(request, response, jobPage[1]!, "page");
    const jobApi = /^\/api\/jobs\/([^/]+)\/(stream|series|cancel)$/.exec(pathname);
    if (jobApi) return handleJob(request, response, jobApi[1]!, jobApi[2] as JobAction);
    switch (`${request.method} ${pathname}`) {
      case "GET /":
      case "GET /compare":
        return text(response, 200, "text/html; charset=utf-8", PAGE_HTML);
      case "GET /app.js":
      case "GET /app.js.map":
        return text(response, 200, "text/javascript; charset=utf-8", await readFile(new URL(`.${pathname}`, PAGE_DIR)));
      case "GET /api/events": {
        // A page (re)connecting: tell it the manifest as it is now.
        watch.refreshManifest();
        streamEvents(request, response, log);
        return;
      }
      case "GET /api/jobs":
        return streamJobs(request, response, feed);
      case "GET /api/project":
        return send(response, 200, project);
      case "GET /api/backends":
        return send(response, 200, { backends: await backends.options(), last: backends.last() });
      case "POST /api/run": {
        const body = await readJson(request);
        if (!body.ok) return send(response, 400, { error: body.error });
        const backend = body.value?.backend;
        if (backend !== undefined) {
          const refused = typeof backend === "string" ? await backends.refuse(backend) : `The backend must be a name, such as "local"; got ${JSON.stringify(backend)}.`;
          if (refused) return send(response, 400, { error: refused });
        }
        const chosen = backend as string | undefined;
        const started = runs.start(chosen === undefined || chosen === PROJECT_DEFAULT ? undefined : chosen);
        if (!started.ok) return send(response, 409, { error: started.message });
        if (chosen !== undefined) backends.remember(chosen);
        return send(response, 202, { runId: started.runId });
      }
      case "POST /api/stop": {
        const stopped = runs.stop();
        return stopped.ok ? send(response, 202, { runId: stopped.runId }) : send(response, 409, { error: stopped.message });
      }
      default:
        return send(response, 404, { error: `No such page: ${request.method} ${pathname}` });
    }
  }

  /** `/jobs/<id>` (the page), `/api/jobs/<id>/stream`, `/series` and `/cancel`: the id is checked first, for every one. */
  async function handleJob(request: IncomingMessage, response: ServerResponse, segment: string, action: JobAction): Promise<void> {
    const found = jobFromSegment(jobs, segment);
    const route = `${request.method} ${action}`;
    // A bookmarked page of a job pruned since: the page itself, which says so (its stream answers 404).
    if (!("job" in found) && found.status === 404 && route === "GET page") return text(response, 404, "text/html; charset=utf-8", PAGE_HTML);
    if (!("job" in found)) return send(response, found.status, found.body);
    switch (route) {
      case "GET page":
        return text(response, 200, "text/html; charset=utf-8", PAGE_HTML);
      case "GET stream":
        return streamJob(request, response, jobs, found.job);
      case "GET series": {
        const reply = await jobSeries(jobs, found.job);
        return send(response, reply.status, reply.body);
      }
      case "POST cancel": {
        const reply = await cancelJob(jobs, found.job);
        return send(response, reply.status, reply.body);
      }
      default:
        return send(response, 404, { error: `No such page: ${request.method} ${new URL(request.url ?? "/", "http://studio").pathname}` });
    }
  }

  const wanted = options.port ?? DEFAULT_PORT;
  let port: number;
  let portTaken: number | undefined;
  try {
    port = await listen(server, host, wanted);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || wanted === 0) throw error;
    portTaken = wanted;
    port = await listen(server, host, 0);
  }
  guard = guardFor(host, port);
  if (options.watch !== false) watch.start();

  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}/?token=${guard.token}`,
    port,
    portTaken,
    close: () =>
      (closing ??= (async () => {
        await Promise.all([runs.stopAll(), watch.stop(), feed.stop()]);
        // The streams never end by themselves: end every connection, after no new one is taken.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      })()),
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function projectName(cwd: string): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile(path.join(cwd, "package.json"), "utf8")) as { name?: unknown };
    if (typeof manifest.name === "string") return manifest.name;
  } catch {
    // No package.json: the folder's name below.
  }
  return path.basename(cwd);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  text(response, status, "application/json; charset=utf-8", JSON.stringify(body));
}

function text(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff" });
  response.end(body);
}

/** What a job route does: its page, or one of its API calls. */
type JobAction = "page" | "stream" | "series" | "cancel";

/** The answer to a browser that has no token (a bookmark from an earlier session): what to do, as a page. */
function tokenNeededHtml(message: string): string {
  const escaped = message.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
  return `<!doctype html><meta charset="utf-8"><title>arkor Studio</title><body style="font:14px system-ui,sans-serif;margin:32px"><h1 style="font-size:18px">arkor Studio: this session needs its token</h1><p>${escaped}</p><p>Each start of <code>arkor dev</code> prints a new URL with a new token. Open it once in this browser, then this address works again.</p></body>`;
}

/** A built-in backend, to settle a job whose arkor process is gone; a config's is not loaded here (user code), so such a job stays as recorded. */
async function builtinBackend(name: string): Promise<JobBackend | undefined> {
  const { BUILTIN_BACKENDS, loadBackend } = await import("@arkor/runner");
  return (BUILTIN_BACKENDS as readonly string[]).includes(name) ? loadBackend(name) : undefined;
}

/** The largest body a request may carry: the Run button's choice is a few bytes. */
const MAX_BODY = 4096;

/**
 * A request's JSON body: nothing when it has none, the object it holds, or
 * why it cannot be read (too large, not JSON, not an object).
 */
async function readJson(request: IncomingMessage): Promise<{ ok: true; value?: Record<string, unknown> } | { ok: false; error: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return { ok: false, error: `The request's body is over ${MAX_BODY} bytes. Send a JSON object such as {"backend":"local"}.` };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return { ok: true };
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // Said below.
  }
  return { ok: false, error: `The request's body is not a JSON object. Send one such as {"backend":"local"}.` };
}
