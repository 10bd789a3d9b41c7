import type { ReactNode } from "react";

export type Choice<K extends string> = { kind: K; label: string };

type ChoiceFieldProps<K extends string> = {
  /** The select's id, also its data-testid. */
  id: string;
  label: string;
  value: K;
  choices: readonly Choice<K>[];
  onChange: (kind: K) => void;
  /** Shown under the select and announced with it. */
  hint: ReactNode;
};

/** A labelled select over a fixed set of choices, with a hint that usually explains the chosen one. */
export function ChoiceField<K extends string>({ id, label, value, choices, onChange, hint }: ChoiceFieldProps<K>) {
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="select-wrap">
        <select
          id={id}
          data-testid={id}
          className="select"
          value={value}
          onChange={(e) => {
            const chosen = choices.find((c) => c.kind === e.target.value);
            if (chosen) onChange(chosen.kind);
          }}
          aria-describedby={hintId}
        >
          {choices.map((c) => (
            <option key={c.kind} value={c.kind}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <p className="field__hint" id={hintId}>
        {hint}
      </p>
    </div>
  );
}
