import { describe, expect, it } from "vitest";
import { FINDING_KINDS, type AuditFindingView } from "../../bindings";
import {
  confidenceWords,
  driftLine,
  driftingFields,
  fieldLabel,
  findingDetail,
  isFindingKind,
  KIND_ORDER,
  KIND_WORDS,
  primaryRuleWords,
} from "./findingWords";

function finding(change: Partial<AuditFindingView>): AuditFindingView {
  return {
    kind: "missing_in_graph",
    key: "auth0|1",
    summary: "summary",
    auth0: [],
    graph: [],
    fields: [],
    cause: null,
    primaryId: null,
    primaryRule: null,
    confidence: null,
    ...change,
  };
}

const user = (userId: string) => ({
  userId,
  email: null,
  emailVerified: null,
  name: null,
  connection: null,
  loginsCount: null,
  createdAt: null,
  lastLogin: null,
});

describe("kinds", () => {
  it("lists the engine's kinds in its order, each with words", () => {
    expect(KIND_ORDER).toEqual(FINDING_KINDS);
    for (const kind of KIND_ORDER) {
      expect(KIND_WORDS[kind].title).not.toBe("");
      expect(KIND_WORDS[kind].about).not.toBe("");
    }
    expect(isFindingKind("field_drift")).toBe(true);
    expect(isFindingKind("role_without_members")).toBe(false);
  });
});

describe("findingDetail", () => {
  it("says the cause of a missing user", () => {
    expect(findingDetail(finding({ cause: "Social sign-up: the Action never ran" }))).toBe(
      "Social sign-up: the Action never ran",
    );
    expect(findingDetail(finding({}))).toBe("summary");
  });

  it("lists drifting fields with both values", () => {
    const f = finding({
      kind: "field_drift",
      fields: [
        { field: "email", auth0: "a@x.test", graph: "old@x.test" },
        { field: "name", auth0: "Ann", graph: null },
      ],
    });
    expect(findingDetail(f)).toBe("E-mail: a@x.test ≠ old@x.test; Name: Ann ≠ (none)");
    expect([...driftingFields(f)]).toEqual(["email", "name"]);
  });

  it("names the primary of a linked identity and of a duplicate account", () => {
    expect(findingDetail(finding({ kind: "linked_secondary_in_graph", primaryId: "auth0|abc" }))).toBe(
      "Linked into auth0|abc",
    );
    const dup = finding({
      kind: "duplicate_account",
      key: "a@x.test",
      auth0: [user("auth0|a"), user("github|1")],
      confidence: "high",
      primaryId: "auth0|a",
    });
    expect(findingDetail(dup)).toBe("2 accounts · high confidence · primary auth0|a");
  });

  it("counts duplicate nodes and says when no Auth0 user has the ID", () => {
    const node = { id: "auth0|x", email: null, emailVerified: null, name: null };
    expect(findingDetail(finding({ kind: "duplicate_node", graph: [node, node, node] }))).toBe(
      "3 nodes with this ID, no Auth0 user",
    );
    expect(findingDetail(finding({ kind: "duplicate_node", graph: [node, node], auth0: [user("auth0|x")] }))).toBe(
      "2 nodes with this ID",
    );
  });

  it("shows an orphan's e-mail", () => {
    const node = { id: "auth0|gone", email: "g@x.test", emailVerified: null, name: null };
    expect(findingDetail(finding({ kind: "orphan_in_graph", graph: [node] }))).toBe("Node e-mail g@x.test");
  });
});

describe("words", () => {
  it("labels fields and values", () => {
    expect(fieldLabel("email_verified")).toBe("E-mail verified");
    expect(fieldLabel("custom")).toBe("custom");
    expect(driftLine({ field: "email_verified", auth0: "true", graph: "false" })).toBe("E-mail verified: true ≠ false");
    expect(driftLine({ field: "name", auth0: "", graph: "B" })).toBe("Name: (empty) ≠ B");
  });

  it("explains the primary rule and the confidence", () => {
    expect(primaryRuleWords("verified")).toMatch(/verified/);
    expect(primaryRuleWords("most_logins")).toBe("it has the most logins");
    expect(primaryRuleWords(null)).toBe("");
    expect(primaryRuleWords("new_rule")).toBe("new_rule");
    expect(confidenceWords("high")).toMatch(/^High confidence/);
    expect(confidenceWords("low")).toMatch(/^Low confidence/);
  });
});
