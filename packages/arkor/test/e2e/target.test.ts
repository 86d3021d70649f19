import { describe, expect, it } from "vitest";
import { createProject } from "../../../../scripts/test-utils/index.js";

/**
 * The artifact is built for Node 22.6 (the spec's target), on every Node we
 * support: syntax 22.6 runs natively is kept as written, syntax it lacks is
 * lowered. Each half fails when the target moves: an older target drops the
 * JSON import's attribute (Node then refuses the import), a newer one keeps
 * `using` and decorators (a SyntaxError on Node 20 and 22; decorators on 24 too).
 */
const ENTRY = `import { createArkor, createTrainer } from "arkor";
import settings from "settings-pkg/settings.json" with { type: "json" };

function logged(value: unknown, context: ClassMethodDecoratorContext) {
  return function (this: unknown, ...args: unknown[]) {
    console.log(\`calling \${String(context.name)}\`);
    return (value as (...args: unknown[]) => unknown).apply(this, args);
  };
}

class Model {
  @logged
  describe() {
    return \`lr=\${settings.learningRate}\`;
  }
}

function resource(name: string) {
  return { [Symbol.dispose]: () => console.log(\`disposed \${name}\`) };
}

export const arkor = createArkor({
  trainer: createTrainer({
    name: "target",
    async start() {
      {
        using handle = resource("handle");
        console.log(new Model().describe());
      }
      return { jobId: "t-1" };
    },
    async wait() {
      return { job: { id: "t-1", status: "completed" } };
    },
  }),
});
`;

describe("the build target", () => {
  it("keeps what Node 22.6 runs natively (an import attribute on an external JSON) and lowers what it lacks (using, decorators)", async () => {
    const project = createProject(undefined, {
      "package.json": JSON.stringify({ name: "target-project", type: "module" }),
      "src/arkor/index.ts": ENTRY,
      "node_modules/settings-pkg/package.json": JSON.stringify({ name: "settings-pkg", version: "1.0.0" }),
      "node_modules/settings-pkg/settings.json": JSON.stringify({ learningRate: 0.01 }),
    });
    const built = await project.arkor(["build"]);
    expect([built.code, built.stderr]).toEqual([0, ""]);
    const artifact = project.read(".arkor/build/index.mjs");
    expect(artifact).toMatch(/from "settings-pkg\/settings\.json" with \{ type: "json" \}/);
    expect(artifact).not.toMatch(/^\s*using handle/m);
    expect(artifact).not.toMatch(/^\s*@logged/m);
    const started = await project.arkor(["start"]);
    expect(started.stderr).toBe("");
    expect(started.stdout).toContain("calling describe\nlr=0.01\ndisposed handle\n");
    expect(started.code).toBe(0);
  });
});
