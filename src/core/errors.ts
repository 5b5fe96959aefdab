/**
 * Typed errors. Library code throws these; only `src/cli/` turns them into a one-line message
 * and an exit code. Each carries a stable `code` so tests and callers can branch on it.
 */

/** Codes for everything Entente reports as an error. */
export type ErrorCode =
  | "INPUT_MISSING"
  | "INPUT_EMPTY"
  | "INPUT_BINARY"
  | "INPUT_ENCODING"
  | "INPUT_TOO_LARGE"
  | "INPUT_NOT_FEED"
  | "INPUT_NO_ARTICLE"
  | "INPUT_UNREADABLE"
  | "URL_REFUSED"
  | "URL_FAILED"
  | "DATA_INVALID"
  | "CONFIG_INVALID"
  | "STORE_FAILED"
  | "USAGE";

/** Base class: `input` names the file, URL or entry the problem is about, when there is one. */
export class EntenteError extends Error {
  readonly code: ErrorCode;
  readonly input: string | undefined;
  constructor(code: ErrorCode, message: string, input?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EntenteError";
    this.code = code;
    this.input = input;
  }
  /** One line for a person: `INPUT: what is wrong`. */
  oneLine(): string {
    const msg = this.message.replace(/\s*\n\s*/g, " ");
    return this.input ? `${this.input}: ${msg}` : msg;
  }
}

/** A problem with something the user gave us to read. */
export class InputError extends EntenteError {
  constructor(code: ErrorCode, input: string, message: string, options?: { cause?: unknown }) {
    super(code, message, input, options);
    this.name = "InputError";
  }
}

/** A dictionary, pattern or ontology file that does not hold what its schema says. */
export class DataError extends EntenteError {
  constructor(input: string, message: string, options?: { cause?: unknown }) {
    super("DATA_INVALID", message, input, options);
    this.name = "DataError";
  }
}

/** A store that cannot be opened or written. */
export class StoreError extends EntenteError {
  constructor(message: string, input?: string, options?: { cause?: unknown }) {
    super("STORE_FAILED", message, input, options);
    this.name = "StoreError";
  }
}

/** Bad configuration or flags. */
export class ConfigError extends EntenteError {
  constructor(message: string, input?: string) {
    super("CONFIG_INVALID", message, input);
    this.name = "ConfigError";
  }
}

/** Message of any thrown value, for wrapping foreign errors. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
