/** The page's element with this id (the shell in pageHtml.ts has them all). */
export const $ = <T extends Element = HTMLElement>(id: string) => document.getElementById(id) as unknown as T;

/** Whether a job may still change: the live statuses of core's jobRecord.ts, which the page's bundle does not load. */
export function isLive(status: string): boolean {
  return status === "starting" || status === "queued" || status === "running";
}

/**
 * A function that asks for `render` at the next frame, once however often it
 * is called before then: many messages, one redraw.
 */
export function perFrame(render: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  };
}
