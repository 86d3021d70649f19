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
import { BackendChoice, PROJECT_DEFAULT } from "./backendChoice.js";
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

  const backends = new BackendChoice(cwd);
  const feed = new JobsFeed({ cwd, loadBackend: builtinBackend });
  await feed.start();
  const jobs = { cwd, feed, arkor };

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: String(error) });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = checkRequest(request, guard!);
    if (!verdict.ok) return send(response, verdict.status, { error: verdict.message });
    const url = new URL(request.url ?? "/", "http://studio");
    const { pathname } = url;
    if (verdict.tokenInQuery && request.method === "GET") {
      // The token moves into a cookie, and out of the address bar and the history; the rest of the address stays.
      url.searchParams.delete("token");
      response.writeHead(303, { location: `${pathname}${url.search}`, "set-cookie": sessionCookie(guard!), "cache-control": "no-store" });
      return void response.end();
    }
    const jobRoute = /^\/(api\/)?jobs\/([^/]+)(?:\/(stream|series|cancel))?$/.exec(pathname);
    if (jobRoute) return handleJob(request, response, jobRoute[1] !== undefined, jobRoute[2]!, jobRoute[3]);
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
        const backend = typeof body?.backend === "string" ? body.backend : undefined;
        if (backend !== undefined) {
          const refused = await backends.refuse(backend);
          if (refused) return send(response, 400, { error: refused });
        }
        const started = runs.start(backend === undefined || backend === PROJECT_DEFAULT ? undefined : backend);
        if (!started.ok) return send(response, 409, { error: started.message });
        if (backend !== undefined) backends.remember(backend);
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
  async function handleJob(request: IncomingMessage, response: ServerResponse, api: boolean, segment: string, action: string | undefined): Promise<void> {
    const found = jobFromSegment(jobs, segment);
    // A bookmarked page of a job pruned since: the page itself, which says so (its stream answers 404).
    if (!("job" in found) && found.status === 404 && !api && request.method === "GET" && action === undefined) return text(response, 404, "text/html; charset=utf-8", PAGE_HTML);
    if (!("job" in found)) return send(response, found.status, found.body);
    const route = `${request.method} ${api ? "api" : "page"} ${action ?? ""}`;
    switch (route) {
      case "GET page ":
        return text(response, 200, "text/html; charset=utf-8", PAGE_HTML);
      case "GET api stream": {
        streamJob(request, response, jobs, found.job);
        return;
      }
      case "GET api series": {
        const reply = await jobSeries(jobs, found.job);
        return send(response, reply.status, reply.body);
      }
      case "POST api cancel": {
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

/** A built-in backend, to settle a job whose arkor process is gone; a config's is not loaded here (user code), so such a job stays as recorded. */
async function builtinBackend(name: string): Promise<JobBackend | undefined> {
  const { BUILTIN_BACKENDS, loadBackend } = await import("@arkor/runner");
  return (BUILTIN_BACKENDS as readonly string[]).includes(name) ? loadBackend(name) : undefined;
}

/** A small JSON body (the Run button's choice), or undefined when there is none or it is not JSON. */
async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let text = "";
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > 4096) return undefined;
  }
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
