export { defaultResolver } from "./defaultResolver.js";
