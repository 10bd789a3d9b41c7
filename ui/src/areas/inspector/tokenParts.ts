// Splits pasted input into the parts of a compact JWS or JWE for colouring.
// Display only: it decides nothing about the token, the core does that.

export type PartName = "header" | "payload" | "signature" | "encryptedKey" | "iv" | "ciphertext" | "tag";

export type Segment =
  | { kind: "part"; part: PartName; text: string }
  | { kind: "dot" }
  /** Whitespace, a `Bearer ` prefix, or input that is not a compact token. */
  | { kind: "plain"; text: string };

export type TokenShape = "jws" | "jwe" | "other";

export type SplitInput = { shape: TokenShape; segments: Segment[] };

const JWS: readonly PartName[] = ["header", "payload", "signature"];
const JWE: readonly PartName[] = ["header", "encryptedKey", "iv", "ciphertext", "tag"];

export const PART_LABELS: Record<PartName, string> = {
  header: "Header",
  payload: "Payload",
  signature: "Signature",
  encryptedKey: "Encrypted key",
  iv: "Initialization vector",
  ciphertext: "Ciphertext",
  tag: "Authentication tag",
};

/** Leading whitespace and an optional `Bearer ` prefix, as the core skips them. */
const PREFIX = /^\s*(?:bearer\s+)?/i;
const COMPACT = /^[A-Za-z0-9_\-.]+$/;

export function splitInput(input: string): SplitInput {
  const prefix = PREFIX.exec(input)?.[0] ?? "";
  const rest = input.slice(prefix.length);
  const body = rest.trimEnd();
  const suffix = rest.slice(body.length);
  const pieces = body.split(".");
  const names = pieces.length === 3 ? JWS : pieces.length === 5 ? JWE : null;
  if (!names || !COMPACT.test(body)) return { shape: "other", segments: input ? [{ kind: "plain", text: input }] : [] };

  const segments: Segment[] = [];
  if (prefix) segments.push({ kind: "plain", text: prefix });
  pieces.forEach((text, i) => {
    if (i > 0) segments.push({ kind: "dot" });
    segments.push({ kind: "part", part: names[i] as PartName, text });
  });
  if (suffix) segments.push({ kind: "plain", text: suffix });
  return { shape: names === JWS ? "jws" : "jwe", segments };
}

/** The same number of characters, so a masked overlay stays aligned with the input under it. */
export function maskText(text: string): string {
  return text.replace(/[^\s]/g, "•");
}
