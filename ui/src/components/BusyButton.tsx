import type { ReactNode } from "react";

type BusyButtonProps = {
  /** The work this button starts is under way: the button says so and cannot be pressed again. */
  busy: boolean;
  /** What the button reads while busy: "Searching…". */
  busyLabel: string;
  /** What it reads otherwise. */
  children: ReactNode;
  onClick: () => void;
  icon?: ReactNode;
  /** Defaults to a plain `button`. */
  className?: string;
  /** Disabled for another reason than being busy (nothing to act on yet). */
  disabled?: boolean;
  title?: string;
  testId?: string;
};

/** A button that starts one piece of work and reads "…ing" until it ends, disabled meanwhile. */
export function BusyButton({ busy, busyLabel, children, icon, className = "button", disabled = false, ...rest }: BusyButtonProps) {
  return (
    <button
      type="button"
      className={className}
      disabled={busy || disabled}
      onClick={rest.onClick}
      title={rest.title}
      data-testid={rest.testId}
    >
      {icon}
      {busy ? busyLabel : children}
    </button>
  );
}
