import { useState, type KeyboardEvent, type ReactNode } from "react";
import { IconClose } from "./Icons";

type ChipsInputProps = {
  id: string;
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  hint?: ReactNode;
  /** What one value is, for the remove buttons: "Remove {what} X". */
  what: string;
  testId?: string;
};

/**
 * A list of short values as removable chips. Enter, a comma or leaving the
 * field adds what was typed; Backspace in the empty field removes the last one.
 */
export function ChipsInput({ id, label, values, onChange, placeholder, hint, what, testId }: ChipsInputProps) {
  const [draft, setDraft] = useState("");
  const hintId = hint ? `${id}-hint` : undefined;

  function commit(text: string) {
    const added = text
      .split(/[,\s]+/)
      .map((v) => v.trim())
      .filter((v) => v && !values.includes(v));
    if (added.length) onChange([...values, ...added]);
    setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if ((event.key === "Enter" && !event.ctrlKey && !event.metaKey) || event.key === ",") {
      if (!draft.trim()) return;
      event.preventDefault();
      commit(draft);
    } else if (event.key === "Backspace" && !draft && values.length) {
      onChange(values.slice(0, -1));
    }
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="chips-input" data-testid={testId}>
        {values.map((value) => (
          <span className="chips-input__chip" key={value}>
            <span className="chips-input__text">{value}</span>
            <button
              type="button"
              className="chips-input__remove"
              onClick={() => onChange(values.filter((v) => v !== value))}
              aria-label={`Remove ${what} ${value}`}
              title={`Remove ${value}`}
            >
              <IconClose />
            </button>
          </span>
        ))}
        <input
          id={id}
          className="chips-input__field"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => commit(draft)}
          onPaste={(e) => {
            const text = e.clipboardData.getData("text/plain");
            if (/[,\s]/.test(text.trim())) {
              e.preventDefault();
              commit(draft + text);
            }
          }}
          placeholder={values.length ? "" : placeholder}
          aria-describedby={hintId}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
        />
      </div>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
