import type { ReactNode } from "react";

type CardProps = {
  title?: string;
  icon?: ReactNode;
  /** Short text or controls at the right of the title. */
  aside?: ReactNode;
  id?: string;
  className?: string;
  children: ReactNode;
};

export function Card({ title, icon, aside, id, className, children }: CardProps) {
  const titleId = id ? `${id}-title` : undefined;
  return (
    <section className={className ? `card ${className}` : "card"} id={id} aria-labelledby={titleId}>
      {title ? (
        <header className="card__header">
          {icon ? <span className="card__icon">{icon}</span> : null}
          <h2 className="card__title" id={titleId}>
            {title}
          </h2>
          {aside ? <div className="card__aside">{aside}</div> : null}
        </header>
      ) : null}
      <div className="card__body">{children}</div>
    </section>
  );
}
