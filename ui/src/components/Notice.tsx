import type { ReactNode } from "react";
import { IconInfo, IconWarning } from "./Icons";

type NoticeProps = {
  tone: "info" | "warning" | "danger" | "success";
  title?: string;
  children: ReactNode;
  role?: "alert" | "status" | "note";
  testId?: string;
};

/** An inline callout: a fact the user should know before going on. */
export function Notice({ tone, title, children, role = "note", testId }: NoticeProps) {
  return (
    <div className={`notice notice--${tone}`} role={role} data-testid={testId}>
      {tone === "info" || tone === "success" ? <IconInfo className="notice__icon" /> : <IconWarning className="notice__icon" />}
      <div className="notice__body">
        {title ? <strong className="notice__title">{title}</strong> : null}
        <div>{children}</div>
      </div>
    </div>
  );
}
