// `@arkor/core/trainer`: what `import "arkor"` loads, so a trainer's artifact pays for the trainer
// contract, not for build, watch or the pipeline (issue 21). These are the subpath's names, and
// dist/trainer.d.ts is made from them; at run time the subpath is the chunk the main entry shares
// (tsup.config.ts), so a value both export is one value: one ArkorError class, one EVENT_VERSION.
export { createArkor, createTrainer, isArkor, isTrainer } from "./trainer.js";
export { defineConfig } from "./config.js";
export { ArkorError, PluginError, isArkorError } from "./errors.js";
export { EVENT_VERSION, createEmitter } from "./events.js";
export { RAW_LINE_SEQ, createEventReader, readEvents } from "./eventReader.js";
