// What the inspector remembers while IdLens runs: the input, the options, the
// last result and the history of inspected tokens. Module state, so it survives
// switching areas; never written to localStorage, sessionStorage, IndexedDB or
// disk, so it is gone when IdLens exits. The HMAC secret is not kept here.
import type { ApiError, Report, TokenKind } from "../../bindings";
import { createStore } from "../../store";
import type { Verdict } from "./reportWords";

export type KeyChoice = "profile" | "issuer" | "jwksUrl" | "text" | "hmacSecret" | "none";

export type VerifyOptions = {
  /** Null until the user picks one: then the profile in use if there is one, else decode only. */
  keyChoice: KeyChoice | null;
  issuerUrl: string;
  jwksUrl: string;
  keyText: string;
  audiences: string[];
  issuer: string;
  leeway: string;
  nonce: string;
  authorizedParty: string;
};

/** The answer to one request; `key` identifies the request it answers. */
export type Inspection = {
  key: string;
  token: string;
  at: number;
  /** The profile whose keys were used, if any. */
  profile: string | null;
} & ({ report: Report; error?: undefined } | { report?: undefined; error: ApiError });

export type HistoryEntry = {
  id: number;
  token: string;
  at: number;
  kind: TokenKind;
  verdict: Verdict;
  subject: string | null;
  tenant: string | null;
};

type Memory = {
  token: string;
  options: VerifyOptions;
  redact: boolean;
  last: Inspection | null;
  history: HistoryEntry[];
};

const HISTORY_LIMIT = 50;

const store = createStore<Memory>({
  token: "",
  options: {
    keyChoice: null,
    issuerUrl: "",
    jwksUrl: "",
    keyText: "",
    audiences: [],
    issuer: "",
    leeway: "",
    nonce: "",
    authorizedParty: "",
  },
  redact: false,
  last: null,
  history: [],
});
let nextHistoryId = 1;

function update(change: (m: Memory) => Memory) {
  store.replace(change(store.get()));
}

export const useInspectorMemory = store.use;

export const inspectorMemory = {
  last: () => store.get().last,
  setToken: (token: string) => update((m) => ({ ...m, token })),
  setOptions: (change: Partial<VerifyOptions>) => update((m) => ({ ...m, options: { ...m.options, ...change } })),
  setRedact: (redact: boolean) => update((m) => ({ ...m, redact })),
  setLast: (last: Inspection | null) => update((m) => ({ ...m, last })),
  clearHistory: () => update((m) => ({ ...m, history: [] })),
  /**
   * Puts a token at the top of the history. An entry for the same token, or for
   * one it grew from while being typed or edited, is replaced rather than repeated.
   */
  remember: (entry: Omit<HistoryEntry, "id">) =>
    update((m) => {
      const rest = m.history.filter((h) => !sameToken(h.token, entry.token));
      return { ...m, history: [{ ...entry, id: nextHistoryId++ }, ...rest].slice(0, HISTORY_LIMIT) };
    }),
};

function sameToken(a: string, b: string): boolean {
  const [x, y] = [a.trim(), b.trim()];
  if (x === y || x.startsWith(y) || y.startsWith(x)) return true;
  // Same header and payload: only the signature differs (cut short, or edited).
  const signed = (t: string) => t.split(".").slice(0, 2).join(".");
  return x.split(".").length === 3 && y.split(".").length === 3 && signed(x) === signed(y);
}
