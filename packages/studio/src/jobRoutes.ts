import type { IncomingMessage, ServerResponse } from "node:http";
import { isLiveStatus, type ArkorEvent, type JobRecord } from "@arkor/core";
import { isJobId, type JobSummary } from "@arkor/jobs";
import { spawnArkor, type ArkorCommandLine } from "./arkorProcess.js";
import { followOutput, readMetrics, type JobOutput } from "./jobOutput.js";
import type { JobsFeed } from "./jobsFeed.js";
import { openStream } from "./eventStream.js";

/** What the job routes need from the server. */
export interface JobRoutesContext {
  cwd: string;
  feed: JobsFeed;
  arkor: ArkorCommandLine;
}

/** The answer to a request that is not a stream. */
export interface Reply {
  status: number;
  body: unknown;
}

/** What the page's job stream sends: the record first (the page starts over), then output and changes. */
export type JobStreamMessage =
  | { type: "start"; job: JobSummary }
  | { type: "job"; job: JobSummary }
  | { type: "output"; output: JobOutput }
  /** The job ended and everything it wrote has been sent. */
  | { type: "complete" };

/**
 * The job a path segment names, or why not: a plain name from the store, or
 * nothing. A segment is decoded once and must be a job id as the store makes
 * them, so no path from the browser reaches the file system.
 */
export function jobFromSegment(context: JobRoutesContext, segment: string): { job: JobSummary } | Reply {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    id = segment;
  }
  if (!isJobId(id)) {
    return { status: 400, body: { error: `Not a job id: ${JSON.stringify(id)}. A job id is the name of a folder in .arkor/jobs, such as 20261206-100206-k3x9; arkor jobs lists them.` } };
  }
  // A job started a moment ago may be newer than the feed's last look: look again, so the feed follows it from now on.
  if (!context.feed.get(id)) context.feed.scan();
  const known = context.feed.get(id);
  if (known) return { job: known };
  return { status: 404, body: { error: `No job ${id} in .arkor/jobs: it was never recorded here, or was pruned. arkor jobs lists the jobs there are.` } };
}

/** `GET /api/jobs`: every job, newest first, then each change as it happens. */
export function streamJobs(request: IncomingMessage, response: ServerResponse, feed: JobsFeed): void {
  const stream = openStream(request, response, "sse");
  stream.send({ type: "jobs", jobs: feed.list() });
  stream.onClose(feed.subscribe((change) => stream.send(change)));
}

/** How long a job that ended must have written nothing more before its output counts as all read. */
const QUIET_MS = 200;

/**
 * `GET /api/jobs/<id>/stream`, as JSON lines: the job's record, its whole
 * output so far, then what it writes and each change of its record, until it
 * ended and its output is all read (`complete`). The files are read in pieces
 * between other requests, and not at all while the page is behind. A job
 * pruned meanwhile ends the stream (the page, reading again, is told it is gone).
 */
export function streamJob(request: IncomingMessage, response: ServerResponse, context: JobRoutesContext, job: JobSummary): void {
  const stream = openStream(request, response, "ndjson");
  stream.send({ type: "start", job } satisfies JobStreamMessage);
  let lastOutput = Date.now();
  let gone = false;
  let draining = false;
  const following = followOutput({
    cwd: context.cwd,
    record: job,
    // Behind, or gone: a page that left needs none of the rest. Once the job ended and
    // the follower stops, what is left is read whatever the page's pace, or it would be lost.
    paused: () => gone || (stream.congested && !draining),
    onOutput: (output) => {
      lastOutput = Date.now();
      stream.send({ type: "output", output } satisfies JobStreamMessage);
    },
  });
  let ended = !isLiveStatus(job.status);
  // Once the job ended, its files only have to be read to their end: then `complete`, and the follower stops.
  const drained = setInterval(() => {
    // A page that is behind holds the reading up: that is not the job being quiet.
    if (stream.congested) lastOutput = Date.now();
    if (!ended || Date.now() - lastOutput < QUIET_MS) return;
    clearInterval(drained);
    draining = true;
    void following.stop().then(() => stream.send({ type: "complete" } satisfies JobStreamMessage));
  }, 50);
  const unsubscribe = context.feed.subscribe((change) => {
    if (change.type === "job.removed" && change.id === job.id) return stream.close();
    if (change.type !== "job" || change.job.id !== job.id) return;
    stream.send({ type: "job", job: change.job } satisfies JobStreamMessage);
    ended = !isLiveStatus(change.job.status);
  });
  stream.onClose(() => {
    gone = true;
    unsubscribe();
    clearInterval(drained);
    void following.stop();
  });
}

/** What `GET /api/jobs/<id>/series` answers: the job, and each metric it reported over steps. */
export type JobSeries = { job: JobSummary } & Pick<JobOutput, "metrics" | "reports">;

/** `GET /api/jobs/<id>/series`: the job's record and every progress point it reported, for comparing. */
export async function jobSeries(context: JobRoutesContext, job: JobSummary): Promise<Reply> {
  return { status: 200, body: { job, ...(await readMetrics(context.cwd, job)) } satisfies JobSeries };
}

/**
 * `POST /api/jobs/<id>/cancel`: `arkor jobs cancel <id>` as a child, as from a
 * terminal: through the job's backend, whoever started it, and never with
 * the project's config (user code) loaded in the server. Answers once it is over.
 */
export async function cancelJob(context: JobRoutesContext, job: JobRecord): Promise<Reply> {
  const events: ArkorEvent[] = [];
  const child = spawnArkor(context.arkor, ["jobs", "cancel", job.id], context.cwd, (event) => events.push(event));
  const { exitCode } = await child.exited;
  const finished = events.find((event) => event.type === "job.finished");
  const error = events.find((event) => event.type === "error");
  // The feed shows the new status without waiting for its next look.
  context.feed.scan();
  if (error?.type === "error") return { status: 409, body: { error: error.message } };
  if (finished?.type !== "job.finished") return { status: 500, body: { error: `arkor jobs cancel ${job.id} exited with ${exitCode} without saying how the job ended.` } };
  return { status: 200, body: { status: finished.status, ...(finished.message !== undefined && { message: finished.message }) } };
}
