import { describe, expect, it } from "vitest";
import type { FixPlanView } from "../../bindings";
import {
  applyBlocker,
  chooseOverride,
  confirmationMatches,
  graphRows,
  learnSuggestions,
  linkGroups,
  toPrimaryOverrides,
} from "./planOverrides";

const call = (email: string, primaryId: string, secondaryId: string) => ({
  email,
  primaryId,
  secondaryId,
  request: `POST /api/v2/users/${primaryId}/identities`,
});

const plan: FixPlanView = {
  links: [call("a@x.test", "auth0|a", "github|1"), call("a@x.test", "auth0|a", "google-oauth2|2"), call("b@x.test", "auth0|b", "github|3")],
  graphSections: [
    { title: "merge missing users", rows: 10, batches: 1 },
    { title: "set drifted fields", rows: 4, batches: 1 },
  ],
  cypherScript: "UNWIND $rows AS row",
};

describe("link groups", () => {
  it("groups the calls by e-mail with every account, the primary first", () => {
    const groups = linkGroups(plan);
    expect(groups.map((g) => g.email)).toEqual(["a@x.test", "b@x.test"]);
    expect(groups[0]!.accounts).toEqual(["auth0|a", "github|1", "google-oauth2|2"]);
    expect(groups[0]!.calls).toHaveLength(2);
    expect(graphRows(plan)).toBe(14);
  });
});

describe("overrides", () => {
  it("keeps only primaries that differ from the audit's suggestion", () => {
    const suggestions = learnSuggestions({}, plan, {});
    expect(suggestions).toEqual({ "a@x.test": "auth0|a", "b@x.test": "auth0|b" });
    const chosen = chooseOverride({}, suggestions, "a@x.test", "github|1");
    expect(toPrimaryOverrides(chosen)).toEqual([{ email: "a@x.test", primaryId: "github|1" }]);
    expect(chooseOverride(chosen, suggestions, "a@x.test", "auth0|a")).toEqual({});
  });

  it("does not learn a suggestion from an overridden group", () => {
    const overridden: FixPlanView = { ...plan, links: [call("a@x.test", "github|1", "auth0|a")] };
    const learnt = learnSuggestions({ "a@x.test": "auth0|a" }, overridden, { "a@x.test": "github|1" });
    expect(learnt["a@x.test"]).toBe("auth0|a");
  });

  it("sends overrides in e-mail order", () => {
    expect(toPrimaryOverrides({ "z@x.test": "auth0|z", "a@x.test": "auth0|a" }).map((o) => o.email)).toEqual([
      "a@x.test",
      "z@x.test",
    ]);
  });
});

describe("apply", () => {
  it("needs a plan, a choice, and something to change", () => {
    expect(applyBlocker(null, { linkAccounts: true, applyGraph: true }, null)).toMatch(/Preview/);
    expect(applyBlocker(plan, { linkAccounts: false, applyGraph: false }, false)).toMatch(/Choose/);
    expect(applyBlocker({ ...plan, links: [] }, { linkAccounts: true, applyGraph: false }, true)).toMatch(/changes nothing/);
    expect(applyBlocker(plan, { linkAccounts: true, applyGraph: false }, true)).toBeNull();
  });

  it("waits for the plan made for the current link-accounts choice", () => {
    expect(applyBlocker(plan, { linkAccounts: false, applyGraph: true }, true)).toMatch(/plan again/);
    expect(applyBlocker(plan, { linkAccounts: true, applyGraph: true }, false)).toMatch(/plan again/);
    expect(applyBlocker(plan, { linkAccounts: true, applyGraph: true }, null)).toMatch(/plan again/);
    expect(applyBlocker(plan, { linkAccounts: false, applyGraph: true }, false)).toBeNull();
  });

  it("confirms with the profile's exact name", () => {
    expect(confirmationMatches(" production ", "production")).toBe(true);
    expect(confirmationMatches("Production", "production")).toBe(false);
    expect(confirmationMatches("", "production")).toBe(false);
  });
});
