import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import type { InspectRequest, KeySourceInput, ProfileView } from "../../bindings";
import { commands } from "../../bindings";
import { toApiError } from "../../ipc";
import { inspectorMemory, type Inspection, type KeyChoice, type VerifyOptions } from "./inspectorMemory";
import { verdictOf, worthRemembering } from "./reportWords";

/** One request to the core, and the key that tells whether a result answers it. */
export type PlannedRequest = {
  request: InspectRequest;
  key: string;
  /** The profile whose keys are asked for, if any. */
  profile: string | null;
  /** Why the chosen key source could not be used yet: the token is then decoded only. */
  keysMissing: string | null;
};

/** What to send for the box's content and the options; null when the box is empty. */
export function planRequest(
  token: string,
  options: VerifyOptions,
  keyChoice: KeyChoice,
  profile: ProfileView | null,
  hmacSecret: string,
  secretRevision: number,
): PlannedRequest | null {
  if (!token.trim()) return null;
  let keys: KeySourceInput = { kind: "none" };
  let keysMissing: string | null = null;
  const missing = (what: string) => {
    keysMissing = `Enter ${what} under Verify against to check the signature.`;
  };
  switch (keyChoice) {
    case "profile":
      keys = { kind: "profile", name: profile?.name ?? null };
      break;
    case "issuer":
      if (options.issuerUrl.trim()) keys = { kind: "issuer", url: options.issuerUrl.trim() };
      else missing("the issuer URL");
      break;
    case "jwksUrl":
      if (options.jwksUrl.trim()) keys = { kind: "jwksUrl", url: options.jwksUrl.trim() };
      else missing("the JWKS URL");
      break;
    case "text":
      if (options.keyText.trim()) keys = { kind: "text", text: options.keyText };
      else missing("a JWKS or PEM public key");
      break;
    case "hmacSecret":
      // The secret goes to the core only when the user chose this source.
      if (hmacSecret) keys = { kind: "hmacSecret", secret: hmacSecret };
      else missing("the HMAC secret");
      break;
    case "none":
      break;
  }
  const leeway = options.leeway.trim() ? Number.parseInt(options.leeway, 10) : null;
  const request: InspectRequest = {
    token,
    keys,
    issuer: options.issuer.trim() || null,
    audiences: options.audiences,
    leewaySecs: leeway !== null && Number.isFinite(leeway) ? leeway : null,
    nonce: options.nonce.trim() || null,
    authorizedParty: options.authorizedParty.trim() || null,
  };
  const usesProfile = keys.kind === "profile" ? profile : null;
  const key = JSON.stringify({
    ...request,
    // The key lives in memory with the result: it names the secret's revision, not the secret.
    keys: keys.kind === "hmacSecret" ? { kind: "hmacSecret", revision: secretRevision } : keys,
    // The core's defaults for profile keys come from these.
    profile: usesProfile ? [usesProfile.name, usesProfile.issuer, usesProfile.audience, usesProfile.clientId] : null,
  });
  return { request, key, profile: usesProfile?.name ?? null, keysMissing };
}

/** Numbers every request; only the newest may set the result, so a slow answer never replaces a newer one. */
let newestRequest = 0;

/**
 * Inspects the planned request once the input rests for `delayMs.current`,
 * and at once on `inspectNow`. Results go to the inspector's memory.
 */
export function useInspection(planned: PlannedRequest | null, delayMs: RefObject<number>) {
  const [busy, setBusy] = useState(false);
  const plannedRef = useRef(planned);
  useLayoutEffect(() => {
    plannedRef.current = planned;
  });

  const run = useCallback(async (plan: PlannedRequest) => {
    const mine = ++newestRequest;
    setBusy(true);
    const base = { key: plan.key, token: plan.request.token, at: Date.now(), profile: plan.profile };
    let result: Inspection;
    try {
      result = { ...base, report: await commands.tokenInspect(plan.request) };
    } catch (e) {
      result = { ...base, error: toApiError(e) };
    }
    if (mine !== newestRequest) return;
    setBusy(false);
    inspectorMemory.setLast(result);
    const report = result.report;
    if (report && worthRemembering(report)) {
      const sub = report.claims?.sub;
      inspectorMemory.remember({
        token: plan.request.token.trim(),
        at: result.at,
        kind: report.kind,
        verdict: verdictOf(report),
        subject: typeof sub === "string" ? sub : null,
        tenant: report.tenant?.domain ?? null,
      });
    }
  }, []);

  const plannedKey = planned?.key ?? null;
  useEffect(() => {
    const plan = plannedRef.current;
    if (!plan) {
      // Nothing to inspect: whatever is in flight is no longer wanted.
      newestRequest += 1;
      setBusy(false);
      return;
    }
    if (inspectorMemory.last()?.key === plan.key) return;
    const timer = window.setTimeout(() => void run(plan), delayMs.current);
    return () => window.clearTimeout(timer);
  }, [plannedKey, run, delayMs]);

  const inspectNow = useCallback(() => {
    const plan = plannedRef.current;
    if (plan) void run(plan);
  }, [run]);

  return { busy, inspectNow };
}
