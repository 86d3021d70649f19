export type ScaffoldErrorCode = "INVALID_OPTION" | "FILES_EXIST" | "NOT_A_FOLDER" | "INSTALL_FAILED" | "CANCELLED";

/** A problem the user can fix, with a one-line message that says how. */
export class ScaffoldError extends Error {
  readonly code: ScaffoldErrorCode;

  constructor(code: ScaffoldErrorCode, message: string) {
    super(message);
    this.name = "ScaffoldError";
    this.code = code;
  }
}

export function isScaffoldError(value: unknown): value is ScaffoldError {
  return value instanceof Error && value.name === "ScaffoldError" && typeof (value as ScaffoldError).code === "string";
}
