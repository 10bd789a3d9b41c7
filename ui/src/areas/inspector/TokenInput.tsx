import { useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent, type RefObject } from "react";
import { IconClipboard, IconClose, IconFile, IconRefresh } from "../../components/Icons";
import { carriesText, readDrop } from "./textDrop";
import { maskText, PART_LABELS, splitInput, type Segment } from "./tokenParts";

/** How the input changed, which decides how soon it is inspected. */
export type InputChange = "typed" | "pasted";

type TokenInputProps = {
  value: string;
  onChange: (value: string, how: InputChange) => void;
  onInspect: () => void;
  /** Masks the payload (and any input that is not a token) in the coloured view. */
  redact: boolean;
  busy: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  shortcut: string;
};

/**
 * The token box: a monospace textarea whose text is drawn by a coloured copy
 * underneath it (same font, same wrapping), so the parts show while typing.
 */
export function TokenInput({ value, onChange, onInspect, redact, busy, inputRef, shortcut }: TokenInputProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const [dropping, setDropping] = useState(false);
  const dragDepth = useRef(0);
  const split = splitInput(value);

  function replace(text: string) {
    setProblem(null);
    onChange(text, "pasted");
  }

  async function pasteFromClipboard() {
    setProblem(null);
    if (!navigator.clipboard?.readText) {
      setProblem("This system does not let IdLens read the clipboard. Click in the box and press Ctrl+V instead.");
      return;
    }
    try {
      const text = await navigator.clipboard.readText();
      if (!text.trim()) {
        setProblem("The clipboard holds no text. Copy the token first, then paste it here.");
        return;
      }
      replace(text.trim());
      inputRef.current?.focus();
    } catch {
      setProblem(
        "IdLens was not allowed to read the clipboard. Click in the box and press Ctrl+V instead: pasting with the keyboard always works.",
      );
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const area = event.currentTarget;
    const text = event.clipboardData.getData("text/plain");
    const partial = area.selectionStart !== area.selectionEnd && area.selectionEnd - area.selectionStart < area.value.length;
    // A paste is a new token: it replaces the box, unless part of it is selected for editing.
    if (!text || partial) return;
    event.preventDefault();
    replace(text.trim());
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.currentTarget.blur();
    }
  }

  function onDragOver(event: DragEvent) {
    if (!carriesText(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }

  function onDragEnter(event: DragEvent) {
    if (!carriesText(event)) return;
    dragDepth.current += 1;
    setDropping(true);
  }

  function onDragLeave() {
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDropping(false);
  }

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    dragDepth.current = 0;
    setDropping(false);
    const dropped = await readDrop(event);
    if (!dropped) return;
    if ("error" in dropped) setProblem(dropped.error);
    else replace(dropped.text);
  }

  const parts = split.segments.filter((s): s is Extract<Segment, { kind: "part" }> => s.kind === "part");
  const masked = (s: Segment) => redact && (split.shape === "other" || (s.kind === "part" && s.part === "payload"));

  return (
    <div className="token-input">
      <div
        className={`token-input__box${dropping ? " is-dropping" : ""}${value ? "" : " is-empty"}`}
        onDragOver={onDragOver}
        onDragEnter={onDragEnter}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        <div className="token-input__layers">
          <pre className="token-input__parts" aria-hidden="true" data-testid="inspector-parts" data-shape={split.shape}>
            {split.segments.map((s, i) =>
              s.kind === "dot" ? (
                <span key={i} className="token-part__dot">
                  .
                </span>
              ) : (
                <span
                  key={i}
                  className={s.kind === "part" ? `token-part token-part--${s.part}` : "token-part token-part--plain"}
                  data-part={s.kind === "part" ? s.part : undefined}
                  data-redacted={masked(s) ? "true" : undefined}
                >
                  {masked(s) ? maskText(s.text) : s.text}
                </span>
              ),
            )}
            {/* Keeps a trailing newline's empty line as tall as in the textarea. */}
            {" "}
          </pre>
          <textarea
            ref={inputRef}
            id="inspector-input"
            className="token-input__textarea"
            data-testid="inspector-input"
            value={value}
            onChange={(e) => {
              setProblem(null);
              onChange(e.target.value, "typed");
            }}
            onPaste={onPaste}
            onKeyDown={onKeyDown}
            placeholder="Paste a token here (Ctrl+V) or drop a file on this box"
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            aria-describedby="inspector-input-help"
            aria-busy={busy}
          />
        </div>
        {dropping ? (
          <div className="token-input__drop-hint" aria-hidden="true">
            <IconFile />
            Drop to inspect
          </div>
        ) : null}
      </div>

      <div className="token-input__bar">
        {parts.length > 0 ? (
          <ul className="token-legend" aria-label="Token parts">
            {parts.map((p) => (
              <li key={p.part} className={`token-legend__item token-legend__item--${p.part}`}>
                <span className="token-legend__swatch" aria-hidden="true" />
                {PART_LABELS[p.part]}
                <span className="token-legend__size">{p.text.length}</span>
              </li>
            ))}
            {redact && split.shape === "jws" ? <li className="token-legend__note">payload masked</li> : null}
          </ul>
        ) : (
          <p className="token-input__help" id="inspector-input-help">
            A JWT (<code>header.payload.signature</code>), a JWE (five parts) or an opaque token.{" "}
            <kbd>{shortcut}</kbd> inspects again, <kbd>Esc</kbd> leaves the box.
          </p>
        )}
        <div className="token-input__actions">
          <button type="button" className="button button--small" onClick={pasteFromClipboard} data-testid="inspector-paste">
            <IconClipboard />
            Paste from clipboard
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={onInspect}
            disabled={!value.trim()}
            title={`Inspect again (${shortcut})`}
            aria-keyshortcuts="Control+Enter"
            data-testid="inspector-run"
          >
            <IconRefresh />
            Inspect
          </button>
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => {
              setProblem(null);
              onChange("", "pasted");
              inputRef.current?.focus();
            }}
            disabled={!value}
            data-testid="inspector-clear"
          >
            <IconClose />
            Clear
          </button>
        </div>
      </div>
      {parts.length > 0 ? (
        <p className="visually-hidden" id="inspector-input-help">
          {shortcut} inspects again, Escape leaves the box.
        </p>
      ) : null}
      {problem ? (
        <p className="token-input__problem" role="alert" data-testid="inspector-input-problem">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
