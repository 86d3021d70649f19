#!/usr/bin/env node
import { getCli } from "@arkor/cli";
import packageJson from "../package.json" with { type: "json" };

const exitCode = await getCli({ version: packageJson.version }).run(process.argv.slice(2));
process.exitCode = exitCode;
// The job is over: a trainer's stray timer or socket must not keep the process alive.
setTimeout(() => process.exit(exitCode), 500).unref();
