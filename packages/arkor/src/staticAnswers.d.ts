// Generated when the bin is built (build/staticAnswers.ts).
declare module "arkor:static-answers" {
  const staticAnswers: import("@arkor/cli").StaticAnswers;
  export default staticAnswers;
}
