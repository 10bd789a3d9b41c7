import type { InputHTMLAttributes, ReactNode } from "react";

type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  /** Marks the field as the one an error is about; the error element's id. */
  errorId?: string | null;
  optional?: boolean;
  mono?: boolean;
  testId?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange">;

/** A labelled text input with its hint; the hint and any error are announced with it. */
export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  errorId,
  optional = false,
  mono = false,
  testId,
  className,
  ...input
}: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [errorId ?? undefined, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${errorId ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <span className="field__optional">optional</span> : null}
      </label>
      <input
        id={id}
        className={`input${mono ? " input--mono" : ""}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        {...input}
      />
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
