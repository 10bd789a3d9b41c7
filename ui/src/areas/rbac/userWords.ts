// How the Users and Explain tabs word things: a page of search results, a
// user, where a permission comes from, and which question Explain can ask.
import type { RbacOverview, SourceView, UserSummary, UsersPage } from "../../bindings";
import type { ExplainDraft } from "./rbacStore";

/** Auth0 pages through at most this many users of one search. */
export const SEARCH_CAP = 1000;

const count = new Intl.NumberFormat("en-US");

/**
 * "51–100 of 1,234" for the users a page shows; "No users match" when it
 * shows none; without Auth0's total, that the number matching is unknown.
 */
export function pageRangeText(page: UsersPage): string {
  if (page.users.length === 0) return "No users match";
  const first = page.page * page.perPage + 1;
  const last = first + page.users.length - 1;
  const range = `${count.format(first)}–${count.format(last)}`;
  if (page.total === null) return `${range} (Auth0 gave no total: how many match is unknown)`;
  return `${range} of ${count.format(page.total)}`;
}

export function hasPreviousPage(page: UsersPage): boolean {
  return page.page > 0;
}

/**
 * A next page exists, and Auth0 lets a search reach it (the first 1,000
 * results only). Without a total, a full page may have one after it.
 */
export function hasNextPage(page: UsersPage): boolean {
  const shown = page.page * page.perPage + page.users.length;
  const reachable = Math.min(page.total ?? (page.users.length === page.perPage ? Infinity : shown), SEARCH_CAP);
  return (page.page + 1) * page.perPage < reachable;
}

/** What to call a user in a sentence: the e-mail, else the name, else the user ID. */
export function userLabel(user: UserSummary): string {
  return user.email ?? user.name ?? user.userId;
}

export function verifiedWords(emailVerified: boolean | null): string {
  if (emailVerified === null) return "Unknown";
  return emailVerified ? "Verified" : "Not verified";
}

/** "2026-11-26 20:00" in local time; "Never" when the user has not signed in. */
export function lastLoginWords(iso: string | null): string {
  if (iso === null) return "Never";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  const day = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
  return `${day} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** A permission's source as a chip: "Role Support", "Direct". */
export function sourceChipText(source: SourceView): string {
  return source.kind === "direct" ? "Direct" : `Role ${source.name}`;
}

/** A path to a permission in a sentence: "via role Support", "given directly". */
export function pathWords(source: SourceView): string {
  return source.kind === "direct" ? "given directly" : `via role ${source.name}`;
}

/** Explain can run: it has a user and a permission. */
export function isCompleteQuestion(draft: ExplainDraft): boolean {
  return draft.userId.trim() !== "" && draft.permission.trim() !== "";
}

/** A scope value and the names of the APIs that define it. */
export type ScopeOption = { value: string; apis: string[] };

/** Every scope value the tenant defines, once each, sorted, with the APIs that define it. */
export function scopeOptions(overview: RbacOverview | null): ScopeOption[] {
  if (!overview) return [];
  const byValue = new Map<string, string[]>();
  for (const api of overview.apis) {
    for (const scope of api.scopes) {
      const apis = byValue.get(scope.value) ?? [];
      if (!apis.includes(api.name)) apis.push(api.name);
      byValue.set(scope.value, apis);
    }
  }
  return [...byValue.entries()]
    .map(([value, apis]) => ({ value, apis }))
    .sort((a, b) => a.value.localeCompare(b.value));
}

/** An API Explain can be asked about: its identifier ("" for any API) and its label. */
export type ApiChoice = { kind: string; label: string };

export const ANY_API: ApiChoice = { kind: "", label: "Any API that defines it" };

/**
 * "Any API", then the tenant's own APIs (roles cannot grant Auth0's). An API
 * asked about that is not among them (the overview is not loaded, or it is
 * gone) stays choosable, by its identifier.
 */
export function apiChoices(overview: RbacOverview | null, asked: string | null): ApiChoice[] {
  const apis = (overview?.apis ?? []).filter((a) => !a.system).map((a) => ({ kind: a.identifier, label: a.name }));
  const unknown = asked && !apis.some((a) => a.kind === asked) ? [{ kind: asked, label: asked }] : [];
  return [ANY_API, ...apis, ...unknown];
}
