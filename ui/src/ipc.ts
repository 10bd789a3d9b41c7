// The one place the UI talks to the Rust core. Every rejection becomes an
// `ApiError` ({code, message}) so screens can branch on `code`.
import { Channel, invoke } from "@tauri-apps/api/core";
import { ERROR_CODES, type ApiError, type ErrorCode, type JobEvent, type JobId } from "./bindings";

// Made on first use: bindings.ts imports this module, so ERROR_CODES is not
// initialised yet while this module is evaluated.
let codes: ReadonlySet<string> | undefined;
const knownCodes = (): ReadonlySet<string> => (codes ??= new Set<ErrorCode>(ERROR_CODES));

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === "string" && typeof v.code === "string" && knownCodes().has(v.code);
}

/** Normalises anything a command can reject with into an ApiError. */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return value;
  // Tauri's own failures (unknown command, argument mismatch) arrive as strings.
  const message = typeof value === "string" ? value : value instanceof Error ? value.message : String(value);
  return { code: "internal", message: `IdLens hit an internal error: ${message}` };
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  }
}

/**
 * Starts a job command: the core answers at once with the job's id, then
 * sends its progress and finally its result or error to `onEvent`.
 */
export async function job<T>(
  command: string,
  args: Record<string, unknown>,
  onEvent: (event: JobEvent<T>) => void,
): Promise<JobId> {
  const events = new Channel<JobEvent<T>>();
  events.onmessage = onEvent;
  return call<JobId>(command, { ...args, events });
}
