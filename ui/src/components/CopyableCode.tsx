import type { ReactNode } from "react";
import { CopyButton } from "./CopyButton";

type CopyableCodeProps = {
  text: string;
  /** What the text is, e.g. "callback URL"; used by the copy button's label. */
  what: string;
  /** Renders a "$" prompt before shell commands (not copied). */
  shell?: boolean;
  /** Icon-only copy button, for tight spots such as fact lists. */
  compact?: boolean;
  testId?: string;
};

/** A line of code or a command the user pastes elsewhere. */
export function CopyableCode({ text, what, shell = false, compact = false, testId }: CopyableCodeProps) {
  return (
    <div className={`copyable-code${shell ? " copyable-code--shell" : ""}${compact ? " copyable-code--compact" : ""}`}>
      <code data-testid={testId} translate="no">
        {shell ? (
          <span className="copyable-code__prompt" aria-hidden="true">
            $
          </span>
        ) : null}
        {withSlashBreaks(text)}
      </code>
      <CopyButton text={text} what={what} compact={compact} />
    </div>
  );
}

/** Lets URLs and paths wrap after a slash before they wrap inside a word. */
function withSlashBreaks(text: string): ReactNode[] {
  return text.split(/(?<=\/)/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}
