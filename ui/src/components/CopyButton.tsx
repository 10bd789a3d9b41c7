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
      aria-label={state === "idle" ? `Copy ${what}` : label}
      title={state === "idle" ? `Copy ${what}` : label}
    >
      {state === "copied" ? <IconCheck /> : <IconCopy />}
      {compact ? null : <span aria-live="polite">{label}</span>}
    </button>
  );
}
