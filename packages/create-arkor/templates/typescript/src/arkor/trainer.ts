import { createTrainer, type RunContext, type TrainingResult } from "arkor";

const EPOCHS = 200;
const LEARNING_RATE = 0.5;

let training: Promise<TrainingResult> | undefined;

/**
 * Fits a line to noisy points by gradient descent, in arkor's own process.
 * start() begins the work and returns at once; wait() resolves when it ends;
 * Ctrl-C aborts ctx.signal, and the loop stops at the next epoch.
 */
export const trainer = createTrainer({
  name: "{{name}}",

  start(ctx) {
    const jobId = `fit-line-${Date.now().toString(36)}`;
    training = train(jobId, ctx);
    return { jobId };
  },

  wait() {
    if (!training) throw new Error("wait() was called before start()");
    return training;
  },
});

async function train(jobId: string, ctx: RunContext): Promise<TrainingResult> {
  const points = makePoints(100);
  let slope = 0;
  let intercept = 0;
  let loss = meanSquaredError(points, slope, intercept);
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    // A real epoch takes a while; this pause stands in for it, and lets a cancel land between epochs.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (ctx.signal.aborted) return { job: { id: jobId, status: "cancelled" } };

    // One step down the gradient of the mean squared error.
    let slopeGradient = 0;
    let interceptGradient = 0;
    for (const { x, y } of points) {
      const error = slope * x + intercept - y;
      slopeGradient += (2 * error * x) / points.length;
      interceptGradient += (2 * error) / points.length;
    }
    slope -= LEARNING_RATE * slopeGradient;
    intercept -= LEARNING_RATE * interceptGradient;
    loss = meanSquaredError(points, slope, intercept);
    ctx.report({ step: epoch, total: EPOCHS, metrics: { loss } });
  }
  console.log(`Fitted y = ${slope.toFixed(2)}x + ${intercept.toFixed(2)} (the points lie around y = 3x + 2)`);
  return { job: { id: jobId, status: "completed" }, artifacts: [{ kind: "line", slope, intercept, loss }] };
}

/** Points around y = 3x + 2 with x in [0, 1), from a seeded generator so every run is the same. Replace with your data. */
function makePoints(count: number): { x: number; y: number }[] {
  let seed = 42;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: count }, () => {
    const x = random();
    return { x, y: 3 * x + 2 + (random() - 0.5) * 0.2 };
  });
}

function meanSquaredError(points: { x: number; y: number }[], slope: number, intercept: number): number {
  return points.reduce((sum, { x, y }) => sum + (slope * x + intercept - y) ** 2, 0) / points.length;
}
