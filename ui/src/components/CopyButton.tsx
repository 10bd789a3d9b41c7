import { useEffect, useRef, useState } from "react";
import { copyText } from "./clipboard";
import { IconCheck, IconCopy } from "./Icons";

type CopyState = "idle" | "copied" | "failed";

type CopyButtonProps = {
  text: string;
  /** What is copied, for screen readers: "Copy {what}". */
  what: string;
  compact?: boolean;
  /** The button's text when idle (default "Copy"). */
  label?: string;
  testId?: string;
};

export function CopyButton({ text, what, compact = false, label: idleLabel = "Copy", testId }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>("idle");
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  async function copy() {
    const ok = await copyText(text);
    setState(ok ? "copied" : "failed");
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState("idle"), 1800);
  }

  const label = state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text" : idleLabel;
  return (
    <button
      type="button"
      className={`button button--ghost button--small copy-button${compact ? " copy-button--compact" : ""}`}
      data-state={state}
      data-testid={testId}
      onClick={copy}
      aria-label={accessibleName(state, label, what, compact)}
      title={state === "idle" ? `Copy ${what}` : label}
    >
      {state === "copied" ? <IconCheck /> : <IconCopy />}
      {compact ? null : <span aria-live="polite">{label}</span>}
    </button>
  );
}

/**
 * The button's name for screen readers. An icon-only button says what it
 * copies; one with visible text starts with that text (WCAG 2.5.3, label in
 * name: speech users say what they see) and then says what it copies.
 */
export function accessibleName(state: CopyState, label: string, what: string, compact: boolean): string {
  if (state !== "idle") return label;
  return compact ? `Copy ${what}` : `${label}: ${what}`;
}
