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
  log.append({ type: "project", cwd, name: await projectName(cwd) });
  const runs = new Runs({ cwd, arkor, log });
  const watch = new ProjectWatch({ cwd, arkor, log });
  const streams = new Set<() => void>();
  let guard: Guard | undefined;

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: String(error) });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = checkRequest(request, guard!);
    if (!verdict.ok) return send(response, verdict.status, { error: verdict.message });
    const { pathname } = new URL(request.url ?? "/", "http://studio");
    const route = `${request.method} ${pathname}`;
    if (verdict.tokenInQuery && request.method === "GET") {
      // The token moves into a cookie, and out of the address bar and the history.
      response.writeHead(303, { location: pathname, "set-cookie": sessionCookie(guard!), "cache-control": "no-store" });
      return void response.end();
    }
    switch (route) {
      case "GET /":
        return text(response, 200, "text/html; charset=utf-8", PAGE_HTML);
      case "GET /app.js":
      case "GET /app.js.map":
        return text(response, 200, "text/javascript; charset=utf-8", await readFile(new URL(`.${pathname}`, PAGE_DIR)));
      case "GET /api/events": {
        // A page (re)connecting: tell it the manifest as it is now.
        watch.refreshManifest();
        const close = streamEvents(request, response, log);
        streams.add(close);
        request.on("close", () => streams.delete(close));
        return;
      }
      case "POST /api/run": {
        const started = runs.start();
        return started.ok ? send(response, 202, { runId: started.runId }) : send(response, 409, { error: started.message });
      }
      case "POST /api/stop": {
        const stopped = runs.stop();
        return stopped.ok ? send(response, 202, { runId: stopped.runId }) : send(response, 409, { error: stopped.message });
      }
      default:
        return send(response, 404, { error: `No such page: ${route}` });
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
        await Promise.all([runs.stopAll(), watch.stop()]);
        for (const close of streams) close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
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
