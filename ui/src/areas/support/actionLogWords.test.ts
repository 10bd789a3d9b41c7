import { describe, expect, it } from "vitest";
import type { ActionLogHeadCheck, ActionLogProblem, ActionLogVerified } from "../../bindings";
import { actionWords, actorWords, headChecked, listedWords, resultWords, targetWords, verdictNotice } from "./actionLogWords";
import { entry } from "./actionLogTesting";

function verified(records: number, head: ActionLogHeadCheck, problem: ActionLogProblem | null = null): ActionLogVerified {
  return {
    path: "/cfg/actions.jsonl",
    intact: problem === null,
    message: problem ? "Line 2 was edited: its content does not match its hash." : `The action log is intact: ${records} records chain correctly.`,
    verification: { records, problem, head },
  };
}

describe("action log words", () => {
  it("names the profile and who signed the call", () => {
    expect(actorWords({ profile: "acme", kind: "m2mClient", clientId: "m2m-1" })).toBe("acme · M2M client m2m-1");
    expect(actorWords({ profile: "acme", kind: "admin", sub: "auth0|42" })).toBe("acme · admin auth0|42");
  });

  it("names the user and the identifier acted on, once each", () => {
    expect(targetWords({ userId: "auth0|42", identifier: "jo@example.com" })).toBe("auth0|42 (jo@example.com)");
    expect(targetWords({ userId: "auth0|42", identifier: "auth0|42" })).toBe("auth0|42");
    expect(targetWords({ identifier: "jo@example.com" })).toBe("jo@example.com");
    expect(targetWords({})).toBe("—");
  });

  it("says ok, or the error with its code and message", () => {
    expect(resultWords({ outcome: "ok" })).toEqual({ ok: true, text: "ok" });
    const failed = resultWords({ outcome: "error", code: "forbidden", message: "Missing scope update:users." });
    expect(failed.ok).toBe(false);
    expect(failed.text).toBe("error (forbidden): Missing scope update:users.");
  });

  it("takes the action's words from the core, and says why a line is not a record", () => {
    expect(actionWords(entry(3, { what: "unblocked the user" }))).toBe("Unblocked the user");
    // An older core without words still names the action.
    expect(actionWords({ ...entry(3), what: undefined })).toBe("Unblock");
    expect(actionWords({ line: 4, unreadable: "not JSON" })).toBe("Not a record: not JSON");
  });

  it("tells a checked head from one that could not be", () => {
    expect(headChecked({ state: "matched" })).toBe(true);
    expect(headChecked({ state: "notCompared" })).toBe(true);
    expect(headChecked({ state: "memoryOnly", reason: "no keychain" })).toBe(false);
    expect(headChecked({ state: "unavailable", reason: "locked" })).toBe(false);
  });

  it("gives the verdict its tone: intact, intact with the head unchecked, tampered", () => {
    const intact = verdictNotice(verified(3, { state: "matched" }));
    expect(intact.tone).toBe("success");
    expect(intact.title).toBe("The action log is intact: 3 records, keychain head checked");
    expect(verdictNotice(verified(0, { state: "matched" })).title).toContain("0 records");

    const unchecked = verdictNotice(verified(1, { state: "unavailable", reason: "the keychain is locked" }));
    expect(unchecked.tone).toBe("warning");
    expect(unchecked.title).toContain("(1 record)");
    expect(unchecked.title).toContain("tamper-evidence is reduced");

    const tampered = verdictNotice(verified(1, { state: "notCompared" }, { kind: "edited", line: 2 }));
    expect(tampered.tone).toBe("danger");
    expect(tampered.text).toContain("Line 2");
  });

  it("says how many entries are listed of how many", () => {
    expect(listedWords(0, 0)).toBe("0 entries, newest first");
    expect(listedWords(1, 1)).toBe("1 entry, newest first");
    expect(listedWords(100, 1234)).toBe("100 of 1,234 entries shown, newest first");
  });
});
