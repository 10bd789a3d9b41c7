// The fix plan's choices: which account becomes the primary of each
// duplicate account (the audit suggests one; the user may pick another),
// the accounts each e-mail groups, and whether Apply may go ahead.
import type { FixPlanView, LinkCallView, PrimaryOverride } from "../../bindings";

/** The user's primaries, by the finding's normalised e-mail. */
export type Overrides = Readonly<Record<string, string>>;

/** The audit's own suggestion per e-mail, learnt from plans made without an override for it. */
export type Suggestions = Readonly<Record<string, string>>;

/**
 * Picks `primaryId` for `email`. Picking the audit's suggestion removes the
 * override, so the request carries only real changes.
 */
export function chooseOverride(overrides: Overrides, suggestions: Suggestions, email: string, primaryId: string): Overrides {
  const next: Record<string, string> = { ...overrides };
  if (suggestions[email] === primaryId) delete next[email];
  else next[email] = primaryId;
  return next;
}

/** The overrides as the command takes them, in e-mail order. */
export function toPrimaryOverrides(overrides: Overrides): PrimaryOverride[] {
  return Object.keys(overrides)
    .sort()
    .map((email) => ({ email, primaryId: overrides[email]! }));
}

export type LinkGroup = {
  email: string;
  /** The account the others are linked into. */
  primaryId: string;
  /** Every account of the finding, the primary first, for choosing another primary. */
  accounts: string[];
  calls: LinkCallView[];
};

/** The plan's link calls grouped by e-mail, in the plan's order. */
export function linkGroups(plan: FixPlanView): LinkGroup[] {
  const groups = new Map<string, LinkGroup>();
  for (const call of plan.links) {
    let group = groups.get(call.email);
    if (!group) {
      group = { email: call.email, primaryId: call.primaryId, accounts: [call.primaryId], calls: [] };
      groups.set(call.email, group);
    }
    group.calls.push(call);
    if (!group.accounts.includes(call.secondaryId)) group.accounts.push(call.secondaryId);
  }
  return [...groups.values()];
}

/** Suggestions updated from a plan: each e-mail without an override shows the audit's primary. */
export function learnSuggestions(previous: Suggestions, plan: FixPlanView, overrides: Overrides): Suggestions {
  const next: Record<string, string> = { ...previous };
  for (const group of linkGroups(plan)) {
    if (!(group.email in overrides)) next[group.email] = group.primaryId;
  }
  return next;
}

/** Rows the plan changes in the graph, over every section. */
export function graphRows(plan: FixPlanView): number {
  return plan.graphSections.reduce((n, s) => n + s.rows, 0);
}

export type ApplyChoice = { linkAccounts: boolean; applyGraph: boolean };

/**
 * Why Apply cannot be asked for yet, or null. `planLinkAccounts` is the
 * "link accounts" choice the plan shown was made for: linking changes the
 * graph part, so Apply waits for the plan of the current choice.
 */
export function applyBlocker(plan: FixPlanView | null, choice: ApplyChoice, planLinkAccounts: boolean | null): string | null {
  if (!plan) return "Preview the plan first.";
  if (planLinkAccounts !== choice.linkAccounts) return "Making the plan again for this choice…";
  if (!choice.linkAccounts && !choice.applyGraph) return "Choose what to apply: account links, the graph, or both.";
  const links = choice.linkAccounts ? plan.links.length : 0;
  const rows = choice.applyGraph ? graphRows(plan) : 0;
  if (links === 0 && rows === 0) return "The chosen part of the plan changes nothing.";
  return null;
}

/** The confirmation is the profile's name typed exactly (spaces around it aside). */
export function confirmationMatches(typed: string, profile: string): boolean {
  return typed.trim() === profile;
}
