import type { MetricColumns } from "../jobOutput.js";

/** A metric's points as columns, as the server sends them: step i has value i. */
export type Columns = MetricColumns;

/**
 * At most `max` points of a line to draw, chosen so it still looks like the
 * whole: the first and the last point always, and between them, for each of
 * equal runs of points, its lowest and its highest in their order (a spike
 * survives, a plateau costs two points). Lines this short are kept as they are.
 */
export function downsample(line: Columns, max: number): Columns {
  const count = line.steps.length;
  if (count <= max || max < 4) return line;
  const { steps, values } = line;
  const kept: number[] = [0];
  const buckets = Math.floor((max - 2) / 2);
  const size = (count - 2) / buckets;
  for (let bucket = 0; bucket < buckets; bucket++) {
    const start = 1 + Math.floor(bucket * size);
    const end = Math.min(count - 1, 1 + Math.floor((bucket + 1) * size));
    if (start >= end) continue;
    let low = start;
    let high = start;
    for (let index = start + 1; index < end; index++) {
      if (values[index]! < values[low]!) low = index;
      if (values[index]! > values[high]!) high = index;
    }
    if (low === high) kept.push(low);
    else kept.push(Math.min(low, high), Math.max(low, high));
  }
  kept.push(count - 1);
  return { steps: kept.map((index) => steps[index]!), values: kept.map((index) => values[index]!) };
}
