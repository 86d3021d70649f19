import { downsample, type Columns } from "./downsample.js";
import type { MetricPoint } from "./state.js";

const SVG = "http://www.w3.org/2000/svg";
export const COLORS = ["#2457d6", "#d6452f", "#1b9e5a", "#a35bd6", "#d69a1b", "#1bb0c4", "#6b7385", "#c2185b"];
const DEFAULT_WIDTH = 400;
const DEFAULT_HEIGHT = 180;
const PAD = { left: 56, right: 12, top: 22, bottom: 28 };
/** Points drawn per line at most: about two per pixel of the plot, whatever the run's length. */
const MAX_DRAWN = 1000;

/** One line of a chart. */
export interface Series extends Columns {
  /** Names the line: the metric on a job's chart, the job in a comparison. */
  label: string;
  color: string;
}

/**
 * One small line chart per metric, each on its own scale (a loss in the
 * thousands and an accuracy below 1 side by side), redrawn from the points.
 */
export function drawCharts(container: HTMLElement, metrics: Map<string, MetricPoint[]>): void {
  const columns = new Map([...metrics].map(([name, points]) => [name, { steps: points.map((point) => point.step), values: points.map((point) => point.value) }]));
  drawMetricCharts(container, columns);
}

/** The same, from columns (a job's page, where runs are long). */
export function drawMetricCharts(container: HTMLElement, metrics: Map<string, Columns>): void {
  if (metrics.size === 0) {
    container.textContent = "No metrics yet";
    return;
  }
  const charts = [...metrics].map(([name, line], index) => lineChart(name, [{ label: name, color: COLORS[index % COLORS.length]!, ...line }], { legend: false }));
  container.replaceChildren(...charts);
}

/**
 * A line chart of one or more series on shared axes, each line downsampled
 * for drawing (its last point always kept). With `legend`, each line's label
 * and last value are listed above the plot in its colour.
 * Hand-drawn SVG: a few dozen lines instead of a charting library.
 */
export function lineChart(title: string, series: Series[], options: { legend: boolean; xLabel?: string; width?: number; height?: number; logY?: boolean }): SVGSVGElement {
  const width = options.width ?? DEFAULT_WIDTH;
  const legendRows = options.legend ? series.length : 0;
  const top = PAD.top + legendRows * 14;
  const height = (options.height ?? DEFAULT_HEIGHT) + legendRows * 14;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `${title} over steps`);
  const drawn = series.map((line) => ({ ...line, ...downsample(line, MAX_DRAWN), count: line.steps.length })).filter((line) => line.count > 0);
  const [x0, x1] = range(drawn.flatMap((line) => [line.steps[0]!, line.steps.at(-1)!, ...extremes(line.steps)]));
  // On a log scale (a loss falling by orders of magnitude), heights are log10 of the values; the labels stay values.
  const logY = options.logY === true && canLogScale(drawn);
  const scale = logY ? Math.log10 : (value: number) => value;
  const [y0, y1] = range(drawn.flatMap((line) => extremes(line.values).map(scale)));
  const x = (step: number) => PAD.left + ((step - x0) / (x1 - x0)) * (width - PAD.left - PAD.right);
  const y = (value: number) => height - PAD.bottom - ((scale(value) - y0) / (y1 - y0)) * (height - top - PAD.bottom);
  const unscale = (value: number) => (logY ? 10 ** value : value);

  svg.append(
    line(PAD.left, height - PAD.bottom, width - PAD.right, height - PAD.bottom),
    line(PAD.left, top, PAD.left, height - PAD.bottom),
    label(PAD.left, height - 8, format(x0), "start"),
    label(width - PAD.right, height - 8, format(x1), "end"),
    label((PAD.left + width - PAD.right) / 2, height - 8, options.xLabel ?? "step", "middle"),
    label(PAD.left - 6, top + 8, format(unscale(y1)), "end"),
    label(PAD.left - 6, height - PAD.bottom, format(unscale(y0)), "end"),
    ...(logY ? [label(PAD.left - 6, (top + height - PAD.bottom) / 2, "log", "end")] : []),
  );
  for (const series of drawn) {
    const polyline = document.createElementNS(SVG, "polyline");
    polyline.setAttribute("points", series.steps.map((step, index) => `${x(step).toFixed(1)},${y(series.values[index]!).toFixed(1)}`).join(" "));
    polyline.setAttribute("fill", "none");
    polyline.setAttribute("stroke", series.color);
    polyline.setAttribute("stroke-width", "2");
    polyline.setAttribute("stroke-linejoin", "round");
    polyline.dataset.metric = series.label;
    // How many points the line stands for, beyond the ones drawn.
    polyline.dataset.count = String(series.count);
    svg.append(polyline);
    // One point draws no line: a dot, so a metric reported once still shows.
    if (series.steps.length === 1) {
      const dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("cx", x(series.steps[0]!).toFixed(1));
      dot.setAttribute("cy", y(series.values[0]!).toFixed(1));
      dot.setAttribute("r", "3");
      dot.setAttribute("fill", series.color);
      svg.append(dot);
    }
  }
  if (options.legend) {
    const heading = label(PAD.left, 14, title, "start");
    heading.setAttribute("font-weight", "600");
    svg.append(heading);
    drawn.forEach((series, index) => {
      const entry = label(PAD.left + 14, 14 + (index + 1) * 14, `${series.label}  ${format(series.values.at(-1)!)}`, "start");
      entry.setAttribute("fill", series.color);
      entry.classList.add("legend");
      const swatch = line(PAD.left, 10 + (index + 1) * 14, PAD.left + 10, 10 + (index + 1) * 14);
      swatch.setAttribute("stroke", series.color);
      swatch.setAttribute("stroke-width", "3");
      svg.append(swatch, entry);
    });
  } else if (drawn[0]) {
    const heading = label(PAD.left, 14, `${title}  ${format(drawn[0].values.at(-1)!)}`, "start");
    heading.setAttribute("fill", drawn[0].color);
    heading.setAttribute("font-weight", "600");
    svg.append(heading);
  }
  return svg;
}

/** A log scale needs every value above 0. */
export function canLogScale(series: Columns[]): boolean {
  return series.every((line) => line.values.every((value) => value > 0));
}

function extremes(numbers: number[]): number[] {
  let low = Infinity;
  let high = -Infinity;
  for (const value of numbers) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return numbers.length === 0 ? [] : [low, high];
}

function range(numbers: number[]): [number, number] {
  const [low, high] = numbers.length === 0 ? [0, 1] : extremes(numbers);
  return low === high ? [low! - 1, high! + 1] : [low!, high!];
}

function line(x1: number, y1: number, x2: number, y2: number): SVGLineElement {
  const element = document.createElementNS(SVG, "line");
  for (const [key, value] of Object.entries({ x1, y1, x2, y2 })) element.setAttribute(key, String(value));
  element.setAttribute("stroke", "#8a93a6");
  return element;
}

function label(x: number, y: number, text: string, anchor: "start" | "middle" | "end"): SVGTextElement {
  const element = document.createElementNS(SVG, "text");
  element.setAttribute("x", String(x));
  element.setAttribute("y", String(y));
  element.setAttribute("font-size", "11");
  element.setAttribute("text-anchor", anchor);
  element.setAttribute("fill", "#5b6478");
  element.textContent = text;
  return element;
}

/** Short and readable: 1,950 rather than 1.95e+3; exponents only for the very large and the very small. */
export function format(value: number): string {
  const size = Math.abs(value);
  if (size >= 1e7 || (size < 0.001 && value !== 0)) return value.toExponential(2);
  if (size >= 1000) return Math.round(value).toLocaleString("en-US");
  return String(Number(value.toPrecision(4)));
}
