import type { ReactNode } from "react";

type EmptyStateProps = {
  icon: ReactNode;
  title: string;
  tone?: "neutral" | "attention";
  children?: ReactNode;
  actions?: ReactNode;
  /** Secondary content below the actions (e.g. the command-line alternative). */
  footer?: ReactNode;
  titleTestId?: string;
};

/** What an area shows when it has nothing to list yet, and what to do about it. */
export function EmptyState({ icon, title, tone = "neutral", children, actions, footer, titleTestId }: EmptyStateProps) {
  return (
    <div className={`empty-state empty-state--${tone}`} data-testid="empty-state">
      <div className="empty-state__icon">{icon}</div>
      <div className="empty-state__body">
        <h2 className="empty-state__title" data-testid={titleTestId}>
          {title}
        </h2>
        {children ? <div className="empty-state__text">{children}</div> : null}
        {actions ? <div className="empty-state__actions">{actions}</div> : null}
        {footer ? <div className="empty-state__footer">{footer}</div> : null}
      </div>
    </div>
  );
}
