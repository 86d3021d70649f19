import { perFrame } from "./dom.js";

export type Stream = "stdout" | "stderr";

/** Each line is this tall (the CSS of `.log-view .line` says the same). */
const LINE_PX = 16;

/**
 * A job's whole log, however long: every line is kept, but only the lines in
 * view are in the page, so 100,000 lines scroll as smoothly as 100. stderr
 * lines are marked, either stream can be hidden, and while the view is at its
 * end it follows new lines, as `tail -f` does.
 */
export class LogView {
  private readonly lines: string[] = [];
  /** Which stream the lines are from, as runs: each from its first line up to the next run's. */
  private readonly runs: { from: number; stream: Stream }[] = [];
  /** The unfinished last line of each stream, shown after the rest until its newline comes. */
  private readonly partial: Record<Stream, string> = { stdout: "", stderr: "" };
  private readonly shown = new Set<Stream>(["stdout", "stderr"]);
  /** Indexes of the lines shown, when a stream is hidden (undefined: all). */
  private visible: number[] | undefined;
  private readonly spacer: HTMLDivElement;
  private readonly window: HTMLDivElement;
  private following = true;
  private readonly schedule = perFrame(() => this.render());

  constructor(private readonly root: HTMLElement) {
    this.spacer = document.createElement("div");
    this.window = document.createElement("div");
    this.window.className = "lines";
    root.replaceChildren(this.spacer, this.window);
    root.addEventListener("scroll", () => {
      this.following = root.scrollTop + root.clientHeight >= root.scrollHeight - LINE_PX;
      this.schedule();
    });
  }

  /** Adds text as it was written: it may end mid-line, and a line may come in pieces. */
  append(stream: Stream, text: string): void {
    const pieces = (this.partial[stream] + text).split("\n");
    this.partial[stream] = pieces.pop()!;
    if (pieces.length > 0 && this.runs.at(-1)?.stream !== stream) this.runs.push({ from: this.lines.length, stream });
    for (const piece of pieces) {
      if (this.visible && this.shown.has(stream)) this.visible.push(this.lines.length);
      this.lines.push(piece);
    }
    this.schedule();
  }

  clear(): void {
    this.lines.length = 0;
    this.runs.length = 0;
    this.partial.stdout = this.partial.stderr = "";
    if (this.visible) this.visible = [];
    this.following = true;
    this.schedule();
  }

  /** Shows or hides one stream's lines. */
  show(stream: Stream, on: boolean): void {
    if (on) this.shown.add(stream);
    else this.shown.delete(stream);
    this.visible = undefined;
    if (this.shown.size < 2) {
      this.visible = [];
      this.runs.forEach((run, index) => {
        if (!this.shown.has(run.stream)) return;
        const end = this.runs[index + 1]?.from ?? this.lines.length;
        for (let line = run.from; line < end; line++) this.visible!.push(line);
      });
    }
    this.schedule();
  }

  /** The stream line `index` came from: a binary search of the runs. */
  private streamOf(index: number): Stream {
    let low = 0;
    let high = this.runs.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.runs[middle]!.from <= index) low = middle;
      else high = middle - 1;
    }
    return this.runs[low]?.stream ?? "stdout";
  }

  /** Lines kept (both streams, unfinished ones included). */
  get lineCount(): number {
    return this.lines.length + (this.partial.stdout ? 1 : 0) + (this.partial.stderr ? 1 : 0);
  }

  private render(): void {
    const tail = (["stdout", "stderr"] as const).filter((stream) => this.partial[stream] !== "" && this.shown.has(stream));
    const total = (this.visible?.length ?? this.lines.length) + tail.length;
    const at = (position: number): [string, Stream] => {
      const count = this.visible?.length ?? this.lines.length;
      if (position >= count) {
        const stream = tail[position - count]!;
        return [this.partial[stream], stream];
      }
      const index = this.visible ? this.visible[position]! : position;
      return [this.lines[index]!, this.streamOf(index)];
    };
    this.spacer.style.height = `${total * LINE_PX}px`;
    if (this.following) this.root.scrollTop = this.root.scrollHeight;
    const first = Math.max(0, Math.floor(this.root.scrollTop / LINE_PX) - 5);
    const last = Math.min(total, first + Math.ceil(this.root.clientHeight / LINE_PX) + 10);
    const rows: HTMLDivElement[] = [];
    for (let position = first; position < last; position++) {
      const [text, stream] = at(position);
      const row = document.createElement("div");
      row.className = stream === "stderr" ? "line stderr" : "line";
      row.textContent = shownLine(text);
      rows.push(row);
    }
    this.window.style.top = `${first * LINE_PX}px`;
    this.window.replaceChildren(...rows);
    this.root.dataset.lines = String(this.lineCount);
  }
}

/** The most of one line drawn: a browser does not paint a text far longer than this at all. */
export const MAX_LINE = 10_000;

/**
 * A line as a terminal would leave it: a progress bar that redraws itself
 * with `\r` shows its last state, colour codes are dropped, and a line too
 * long to paint is cut, saying how much is left out.
 */
export function shownLine(text: string): string {
  // A \r\n ending is the line alone; a \r inside, a return to the line's start.
  const ended = text.endsWith("\r") ? text.slice(0, -1) : text;
  const last = ended.slice(ended.lastIndexOf("\r") + 1);
  const plain = last.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
  return plain.length > MAX_LINE ? `${plain.slice(0, MAX_LINE)} … (${(plain.length - MAX_LINE).toLocaleString("en-US")} more characters)` : plain;
}
