import { invalidOption } from "@arkor/core";
import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class DevCommand extends ArkorCommand {
  static paths = [["dev"]];

  static usage = Command.Usage({
    description: "Open the Studio: a local web page to build, run, watch and stop the trainer",
    details: `
      Starts a local server and prints one line with its URL (with \`--json\`, a \`studio.ready\` event). The page shows the project's trainer (its export, name, source entry, when it was built, and a "stale" badge when sources changed since), the build's errors and warnings, and runs it: Run (on the backend chosen there) and Stop, a live log, a progress bar and a chart of every metric the trainer reports.

      It lists every job of \`.arkor/jobs\`, whoever started it, live; each job has its own page (its record, a chart per metric, its whole log, Cancel), and Compare shows a metric of several jobs on one chart.

      Each run is an \`arkor start --json\` child and each Cancel an \`arkor jobs cancel\`, so user code never runs inside the server; a background \`arkor build --watch --json\` rebuilds on every save.

      It listens on 127.0.0.1 only unless \`--host\` says otherwise. Every request needs the session's token, which is in the printed URL. If the port is taken, a free one is picked and the line says so. Ctrl-C cancels the runs it started (their \`cancel()\` runs) and exits once every child has stopped.
    `,
    examples: [
      ["Open the Studio for this project", "$0 dev"],
      ["Use another port and open a browser", "$0 dev --port 5000 --open"],
      ["Open the Studio for a project in another folder", "$0 dev --cwd apps/trainer"],
    ],
  });

  port = Option.String("--port", { description: "The port to listen on (default 4321; a free one if it is taken)" });

  host = Option.String("--host", { description: "The address to listen on (default 127.0.0.1: this machine only)" });

  open = Option.Boolean("--open", false, { description: "Open the page in the default browser" });

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    const port = this.portNumber();
    // Listening first: a Ctrl-C while the server starts must still stop the children it started.
    const stopped = new Promise<NodeJS.Signals>((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
      // The terminal or host that started us went away: stop as after SIGTERM.
      output.signal.addEventListener("abort", () => resolve("SIGTERM"), { once: true });
    });
    // Loaded here only: `arkor start` and `arkor build` never load the Studio.
    const { startStudio, DEFAULT_HOST, DEFAULT_PORT } = await import("@arkor/studio");
    const host = this.host ?? DEFAULT_HOST;
    const studio = await startStudio({ cwd, port: port ?? DEFAULT_PORT, host }).catch((error: NodeJS.ErrnoException) => {
      if (typeof error.syscall !== "string") throw error;
      throw invalidOption(`Cannot listen on ${host}:${port ?? DEFAULT_PORT} (${error.code}). Pass another --host or --port.`);
    });
    output.emitter.emit({ type: "studio.ready", url: studio.url, host, port: studio.port, ...(studio.portTaken !== undefined && { portTaken: studio.portTaken }) });
    if (this.open) await openBrowser(studio.url);

    const signal = await stopped;
    // The second Ctrl-C exits at once, as arkor's other commands do.
    process.once(signal, () => process.exit(signal === "SIGINT" ? 130 : 143));
    await studio.close();
    return signal === "SIGINT" ? 130 : 143;
  }

  private portNumber(): number | undefined {
    if (this.port === undefined) return undefined;
    const port = Number(this.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw invalidOption(`--port must be a port number from 0 to 65535, got "${this.port}". Example: --port 4321.`);
    }
    return port;
  }
}

/** Best effort: the page works the same when opened by hand. */
async function openBrowser(url: string): Promise<void> {
  const { spawn } = await import("node:child_process");
  const [command, ...args] =
    process.platform === "darwin" ? ["open", url] : process.platform === "win32" ? ["cmd", "/c", "start", "", url] : ["xdg-open", url];
  const child = spawn(command!, args, { stdio: "ignore", detached: true });
  child.on("error", () => {});
  child.unref();
}
