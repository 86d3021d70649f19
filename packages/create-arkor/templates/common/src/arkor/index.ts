// The entry `arkor build` bundles: arkor start runs the trainer exported here.
import { createArkor } from "arkor";
import { trainer } from "./trainer";

export const arkor = createArkor({ trainer });
