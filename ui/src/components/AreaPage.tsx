import type { ReactNode } from "react";

type AreaPageProps = {
  testId: string;
  title: string;
  lead?: ReactNode;
  /** Right-aligned header content (context chips, actions). */
  aside?: ReactNode;
  children: ReactNode;
};

/**
 * The frame of every area: an <h1> that takes focus when the area is opened
 * from the keyboard (tabIndex -1), a lead sentence, then the content.
 */
export function AreaPage({ testId, title, lead, aside, children }: AreaPageProps) {
  const headingId = `${testId}-title`;
  return (
    <section className="area" data-testid={testId} aria-labelledby={headingId}>
      <header className="area__header">
        <div className="area__heading">
          <h1 id={headingId} tabIndex={-1}>
            {title}
          </h1>
          {lead ? <p className="area__lead">{lead}</p> : null}
        </div>
        {aside ? <div className="area__aside">{aside}</div> : null}
      </header>
      <div className="area__content">{children}</div>
    </section>
  );
}
