import type { ReactNode } from "react";

export type Fact = { label: string; value: ReactNode; testId?: string };

/** Label/value pairs, e.g. a profile's settings. */
export function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl className="fact-list">
      {facts.map((fact) => (
        <div className="fact-list__row" key={fact.label}>
          <dt>{fact.label}</dt>
          <dd data-testid={fact.testId}>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
