// `@arkor/cli/reporter`: the CLI's text, for `runTrainer` and `startProject` called without `onEvent`.
import type { EventListener } from "@arkor/core";
import { colorsEnabled, createColors } from "./reporters/colors.js";
import { textReporter, type TextSink } from "./reporters/textReporter.js";

/**
 * The lines `arkor start` prints (`Started job <id>`, `Job <id> finished with
 * status=<status>`, progress, warnings and errors), written to this process's
 * stdout and stderr, coloured as the CLI colours them.
 */
export function processReporter(cwd: string): EventListener {
  const sinkOf = (stream: NodeJS.WriteStream): TextSink => {
    // Taken now, so a capture of the streams later (captureOutput) never loops back into the reporter.
    const write = stream.write.bind(stream) as (text: string) => boolean;
    return {
      write: (text) => void write(text),
      isTTY: stream.isTTY === true,
      get columns() {
        return stream.columns;
      },
    };
  };
  return textReporter({ cwd, stdout: sinkOf(process.stdout), stderr: sinkOf(process.stderr), colors: createColors(colorsEnabled(process.stdout, process.env)) });
}
