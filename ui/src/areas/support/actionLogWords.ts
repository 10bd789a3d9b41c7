// The action log's records and its verification in words: who acted, on
// whom, the result, and the verdict's tone. The action's own words come from
// the core (`ActionLogEntry.what`, from `ActionKind::words`): none are
// written here.
import type {
  ActionActor,
  ActionLogEntry,
  ActionLogHeadCheck,
  ActionLogVerified,
  ActionOutcome,
  ActionTarget,
} from "../../bindings";
import { plural } from "../../components/plural";

/** The profile and who signed the call: "acme · M2M client abc123" or "acme · admin auth0|42". */
export function actorWords(actor: ActionActor): string {
  return actor.kind === "m2mClient"
    ? `${actor.profile} · M2M client ${actor.clientId}`
    : `${actor.profile} · admin ${actor.sub}`;
}

/** The user or identifier acted on: "auth0|42 (jo@example.com)"; "—" when the record names neither. */
export function targetWords(target: ActionTarget): string {
  const { userId, identifier } = target;
  if (userId && identifier && identifier !== userId) return `${userId} (${identifier})`;
  return userId ?? identifier ?? "—";
}

export type ResultWords = { ok: boolean; text: string };

/** "ok", or "error" with Auth0's or IdLens's message. */
export function resultWords(result: ActionOutcome): ResultWords {
  return result.outcome === "ok"
    ? { ok: true, text: "ok" }
    : { ok: false, text: `error (${result.code}): ${result.message}` };
}

/** The action of a line in words, as a table cell starts it ("Unblocked the user"), or that the line is not a record and why. */
export function actionWords(entry: ActionLogEntry): string {
  if (!entry.record) return `Not a record: ${entry.unreadable ?? "unreadable"}`;
  const words = entry.what ?? entry.record.action;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether the log's end was compared with the head kept in the OS keychain. */
export function headChecked(head: ActionLogHeadCheck): boolean {
  return head.state !== "memoryOnly" && head.state !== "unavailable";
}

export type VerdictNotice = { tone: "success" | "warning" | "danger"; title: string; text: string };

/**
 * The verification as a notice: tampered or damaged (danger, the core's
 * sentence names the line and what is wrong); intact but the head unchecked
 * (warning: a cut-short log would go unnoticed); intact.
 */
export function verdictNotice(verified: ActionLogVerified): VerdictNotice {
  const { records, head } = verified.verification;
  const text = verified.message;
  if (!verified.intact) {
    return { tone: "danger", title: "The action log has been tampered with or damaged", text };
  }
  const count = plural(records, "record", "records");
  if (!headChecked(head)) {
    return {
      tone: "warning",
      title: `Intact (${count}), but the keychain head was not checked: tamper-evidence is reduced`,
      text,
    };
  }
  return { tone: "success", title: `The action log is intact: ${count}, keychain head checked`, text };
}

/** "3 entries", or "100 of 1,234 entries shown" while older ones are not loaded (a line that is not a record is an entry too). */
export function listedWords(shown: number, total: number): string {
  return shown < total
    ? `${shown.toLocaleString("en-US")} of ${plural(total, "entry", "entries")} shown, newest first`
    : `${plural(total, "entry", "entries")}, newest first`;
}
