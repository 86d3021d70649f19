// The floor under `arkor start`: import the artifact, start(), wait().
const { arkor } = await import(`${process.cwd()}/.arkor/build/index.mjs`);
await arkor.trainer.start();
await arkor.trainer.wait();
