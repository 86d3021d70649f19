// The projects the suite measures, generated in a temp folder, each with
// node_modules/arkor linked to packages/arkor as scripts/test-utils does.
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Writes every project under `dir` and returns their folders by name. */
export function createProjects(dir, root) {
  const projects = {
    small: copyFixture(path.join(dir, "small"), path.join(root, "fixtures/trainers")),
    "small-no-import": withoutImport(copyFixture(path.join(dir, "small-no-import"), path.join(root, "fixtures/trainers"))),
    "1000": generate(path.join(dir, "1000"), 1000, false),
    "1000-bare": generate(path.join(dir, "1000-bare"), 1000, true),
    "5000": generate(path.join(dir, "5000"), 5000, false),
  };
  for (const project of Object.values(projects)) {
    mkdirSync(path.join(project, "node_modules"), { recursive: true });
    symlinkSync(path.join(root, "packages/arkor"), path.join(project, "node_modules/arkor"), "dir");
  }
  return projects;
}

/** Installs into `project` a package with nothing but an `exports` map and an empty module. */
export function emptyPackage(project, name) {
  const dir = path.join(project, "node_modules", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.0.0", type: "module", exports: { ".": "./index.js" } }));
  writeFileSync(path.join(dir, "index.js"), "export {};\n");
}

function copyFixture(project, fixture) {
  cpSync(fixture, project, { recursive: true });
  return project;
}

/**
 * The small project's trainer written as plain objects, importing nothing: the
 * floor under what `import "arkor"` costs a trainer (issue 21). Rewritten from
 * the fixture, so the two stay the same trainer; fails if the fixture changed.
 */
function withoutImport(project) {
  const rewrite = (file, replacements) => {
    let text = readFileSync(path.join(project, file), "utf8");
    for (const [from, to] of replacements) {
      if (!text.includes(from)) throw new Error(`${file} of fixtures/trainers no longer contains ${JSON.stringify(from)}: update withoutImport() in scripts/bench/projects.mjs.`);
      text = text.replace(from, to);
    }
    writeFileSync(path.join(project, file), text);
  };
  rewrite("src/arkor/index.ts", [
    ['import { createArkor } from "arkor";\n', ""],
    ['createArkor({ trainer: fakeTrainer("named-arkor") })', '{ _kind: "arkor" as const, trainer: fakeTrainer("named-arkor") }'],
  ]);
  rewrite("src/arkor/fakeTrainer.ts", [
    ['import { createTrainer } from "arkor";\n\n', ""],
    ["return createTrainer({", "return {"],
    ["  });\n}", "  };\n}"],
  ]);
  return project;
}

/** A trainer importing `count` small modules; with `bare`, each module also imports `node:path` and `arkor`. */
function generate(project, count, bare) {
  const write = (file, text) => {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  };
  write("package.json", JSON.stringify({ name: `bench-${count}`, private: true, type: "module" }));
  for (let i = 0; i < count; i++) write(`src/arkor/modules/m${i}.ts`, moduleSource(i, bare));
  const imports = Array.from({ length: count }, (_, i) => `import { step${i} } from "./modules/m${i}";`).join("\n");
  const calls = Array.from({ length: count }, (_, i) => `step${i}`).join(", ");
  write(
    "src/arkor/index.ts",
    `import { createArkor, createTrainer } from "arkor";
${imports}

const steps: Array<(x: number) => number> = [${calls}];

export const arkor = createArkor({
  trainer: createTrainer({
    name: "bench-${count}",
    async start() {
      return { jobId: \`job-\${steps.reduce((x, step) => step(x), 0)}\` };
    },
    async wait() {
      return { job: { id: "job", status: "completed" } };
    },
  }),
});
`,
  );
  return project;
}

/** Edited by the watch pair to trigger a rebuild. */
export function moduleSource(i, bare, variant = 0) {
  const head = bare ? `import path from "node:path";\nimport { createTrainer } from "arkor";\n\n` : "";
  const use = bare ? ` + path.sep.length + (typeof createTrainer === "function" ? 1 : 0)` : "";
  return `${head}interface Weights {
  bias: number;
  scale: number;
}

const weights: Weights = { bias: ${i % 7}, scale: ${(i % 3) + 1} };

/** One step of a long, pointless pipeline. */
export function step${i}(x: number): number {
  return ((x * weights.scale + weights.bias + ${variant}) % 1000)${use};
}
`;
}
