import type { MetricPoint } from "./state.js";

const SVG = "http://www.w3.org/2000/svg";
const COLORS = ["#2457d6", "#d6452f", "#1b9e5a", "#a35bd6", "#d69a1b", "#1bb0c4"];
const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 56, right: 120, top: 12, bottom: 28 };

/**
 * Draws one polyline per metric over the steps, with both axes' ranges and a
 * legend. Hand-drawn SVG: a few dozen lines instead of a charting library.
 */
export function drawChart(svg: SVGSVGElement, metrics: Map<string, MetricPoint[]>): void {
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  svg.replaceChildren();
  const all = [...metrics.values()].flat();
  if (all.length === 0) {
    svg.append(label(WIDTH / 2, HEIGHT / 2, "No metrics yet", "middle"));
    return;
  }
  const steps = all.map((point) => point.step);
  const values = all.map((point) => point.value);
  const [x0, x1] = range(steps);
  const [y0, y1] = range(values);
  const x = (step: number) => PAD.left + ((step - x0) / (x1 - x0)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - ((value - y0) / (y1 - y0)) * (HEIGHT - PAD.top - PAD.bottom);

  svg.append(
    line(PAD.left, HEIGHT - PAD.bottom, WIDTH - PAD.right, HEIGHT - PAD.bottom),
    line(PAD.left, PAD.top, PAD.left, HEIGHT - PAD.bottom),
    label(PAD.left, HEIGHT - 8, format(x0), "start"),
    label(WIDTH - PAD.right, HEIGHT - 8, format(x1), "end"),
    label((PAD.left + WIDTH - PAD.right) / 2, HEIGHT - 8, "step", "middle"),
    label(PAD.left - 6, PAD.top + 10, format(y1), "end"),
    label(PAD.left - 6, HEIGHT - PAD.bottom, format(y0), "end"),
  );
  let index = 0;
  for (const [name, points] of metrics) {
    const color = COLORS[index % COLORS.length]!;
    const polyline = document.createElementNS(SVG, "polyline");
    polyline.setAttribute("points", points.map((point) => `${x(point.step).toFixed(1)},${y(point.value).toFixed(1)}`).join(" "));
    polyline.setAttribute("fill", "none");
    polyline.setAttribute("stroke", color);
    polyline.setAttribute("stroke-width", "2");
    polyline.dataset.metric = name;
    const legend = label(WIDTH - PAD.right + 10, PAD.top + 14 + index * 18, `${name} ${format(points.at(-1)!.value)}`, "start");
    legend.setAttribute("fill", color);
    svg.append(polyline, legend);
    index++;
  }
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

export function format(value: number): string {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 0.01 && value !== 0) ? value.toExponential(2) : String(Number(value.toPrecision(4)));
}
