// `@arkor/cli/colors`: when arkor colours its output, for the bin's static answers (bundled into it).
export { colorsEnabled } from "./reporters/colors.js";
