import type { MetricPoint } from "./state.js";

const SVG = "http://www.w3.org/2000/svg";
const COLORS = ["#2457d6", "#d6452f", "#1b9e5a", "#a35bd6", "#d69a1b", "#1bb0c4"];
const WIDTH = 400;
const HEIGHT = 180;
const PAD = { left: 56, right: 12, top: 22, bottom: 28 };

/**
 * One small line chart per metric, each on its own scale (a loss in the
 * thousands and an accuracy below 1 side by side), redrawn from the points.
 * Hand-drawn SVG: a few dozen lines instead of a charting library.
 */
export function drawCharts(container: HTMLElement, metrics: Map<string, MetricPoint[]>): void {
  if (metrics.size === 0) {
    container.textContent = "No metrics yet";
    return;
  }
  const charts = [...metrics].map(([name, points], index) => drawChart(name, points, COLORS[index % COLORS.length]!));
  container.replaceChildren(...charts);
}

function drawChart(name: string, points: MetricPoint[], color: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `${name} over steps`);
  const [x0, x1] = range(points.map((point) => point.step));
  const [y0, y1] = range(points.map((point) => point.value));
  const x = (step: number) => PAD.left + ((step - x0) / (x1 - x0)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - ((value - y0) / (y1 - y0)) * (HEIGHT - PAD.top - PAD.bottom);

  const polyline = document.createElementNS(SVG, "polyline");
  polyline.setAttribute("points", points.map((point) => `${x(point.step).toFixed(1)},${y(point.value).toFixed(1)}`).join(" "));
  polyline.setAttribute("fill", "none");
  polyline.setAttribute("stroke", color);
  polyline.setAttribute("stroke-width", "2");
  polyline.dataset.metric = name;
  const title = label(PAD.left, 14, `${name}  ${format(points.at(-1)!.value)}`, "start");
  title.setAttribute("fill", color);
  title.setAttribute("font-weight", "600");
  svg.append(
    line(PAD.left, HEIGHT - PAD.bottom, WIDTH - PAD.right, HEIGHT - PAD.bottom),
    line(PAD.left, PAD.top, PAD.left, HEIGHT - PAD.bottom),
    label(PAD.left, HEIGHT - 8, format(x0), "start"),
    label(WIDTH - PAD.right, HEIGHT - 8, format(x1), "end"),
    label((PAD.left + WIDTH - PAD.right) / 2, HEIGHT - 8, "step", "middle"),
    label(PAD.left - 6, PAD.top + 8, format(y1), "end"),
    label(PAD.left - 6, HEIGHT - PAD.bottom, format(y0), "end"),
    polyline,
    title,
  );
  return svg;
}

function range(numbers: number[]): [number, number] {
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  return low === high ? [low - 1, high + 1] : [low, high];
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
