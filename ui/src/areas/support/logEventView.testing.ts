// Test support (never imported by the app): a LogEventView as the core's
// logs jobs hand it on, for the tests of what shows them.
import type { LogEventView } from "../../bindings";

/** A failed login (`fp`) with every field set; `change` overrides some. */
export function logEventView(logId: string | null, change: Partial<LogEventView> = {}): LogEventView {
  return {
    logId,
    date: "2026-12-08T03:00:00.000Z",
    code: "fp",
    event: "Failed Login (Incorrect Password)",
    explanation: null,
    description: "Wrong email or password.",
    userId: "auth0|1",
    userName: "ada@example.com",
    ip: "203.0.113.7",
    clientId: "client-1",
    clientName: "Web",
    connection: "Username-Password-Authentication",
    userAgent: "Firefox",
    details: { attempt: 1 },
    truncated: [],
    ...change,
  };
}
