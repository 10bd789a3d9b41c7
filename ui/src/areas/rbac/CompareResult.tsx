import { useMemo, useState } from "react";
import { commands, type DiffView } from "../../bindings";
import { ExportButtons } from "../../components/ExportButtons";
import { IconCheckCircle, IconWarning } from "../../components/Icons";
import {
  firstValues,
  isEmptyCell,
  matchedByText,
  sideCell,
  STATUS_TEXT,
  verdictOf,
  WHAT_TEXT,
  type SideCell,
} from "./compareText";
import { sideBySide, type SideBySideLine } from "./diffSides";
import { diffTable } from "./exportTables";

/** Values shown per group before "Show all": a role can gain thousands of members. */
const SHOWN_VALUES = 50;

/** The last comparison: what was compared, the verdict, and what only each side has. */
export function CompareResult({ diff }: { diff: DiffView }) {
  const lines = useMemo(() => sideBySide(diff), [diff]);
  const verdict = verdictOf(diff, lines);
  return (
    <section aria-labelledby="rbac-compare-result-title" className="rbac-detail" data-testid="rbac-compare-result">
      <div className="rbac-toolbar">
        <h3 id="rbac-compare-result-title" className="rbac-section-title rbac-toolbar__grow">
          Result
        </h3>
        <ExportButtons
          what="differences"
          testId="rbac-compare-export"
          disabled={diff.identical}
          save={(format) => commands.exportTable({ ...diffTable(diff), format })}
        />
      </div>
      <dl className="compare-labels" data-testid="rbac-compare-labels">
        <dt>A:</dt>
        <dd>{diff.a}</dd>
        <dt>B:</dt>
        <dd>{diff.b}</dd>
      </dl>
      <div className={`verdict-line verdict-line--${verdict.tone}`} data-testid="rbac-compare-verdict">
        {verdict.tone === "ok" ? <IconCheckCircle /> : <IconWarning />}
        <span>{verdict.text}</span>
        {verdict.detail ? <span className="compare-verdict__detail">— {verdict.detail}</span> : null}
      </div>
      <p className="card__text" data-testid="rbac-compare-matched">
        Members were matched {matchedByText(diff.membersMatchedBy)}.
      </p>
      {lines.length > 0 ? <DiffGrid lines={lines} /> : null}
    </section>
  );
}

function DiffGrid({ lines }: { lines: SideBySideLine[] }) {
  return (
    <div className="diff-grid" role="table" aria-label="Differences between A and B" data-testid="rbac-compare-grid">
      <div className="compare-grid__row" role="row">
        <div className="diff-grid__head" role="columnheader">
          API or role
        </div>
        <div className="diff-grid__head" role="columnheader">
          Only in A (before)
        </div>
        <div className="diff-grid__head" role="columnheader">
          Only in B (after)
        </div>
      </div>
      {lines.map((line) => (
        <DiffRow key={`${line.what}\u0000${line.name}`} line={line} />
      ))}
    </div>
  );
}

function DiffRow({ line }: { line: SideBySideLine }) {
  return (
    <div className="compare-grid__row" role="row" data-testid="rbac-compare-line" data-status={line.status}>
      <div role="rowheader">
        <span className="rbac-list__name">{line.name}</span>
        <span className="rbac-list__meta compare-grid__meta">
          {WHAT_TEXT[line.what]} · {STATUS_TEXT[line.status]}
        </span>
        {line.note ? <span className="compare-grid__note">{line.note}</span> : null}
      </div>
      <SideColumn cell={sideCell(line, "a")} className="diff-grid__a" />
      <SideColumn cell={sideCell(line, "b")} className="diff-grid__b" />
    </div>
  );
}

/** One side of a line, coloured only when that side has something of its own. */
function SideColumn({ cell, className }: { cell: SideCell; className: string }) {
  if (isEmptyCell(cell)) {
    return (
      <div role="cell" className="diff-grid__empty">
        —
      </div>
    );
  }
  return (
    <div role="cell" className={className}>
      {cell.whole ? <strong>{cell.whole}</strong> : null}
      {cell.groups.map((group) => (
        <div key={group.label} className="compare-grid__group">
          <span className="compare-grid__label">
            {group.label} ({group.values.length.toLocaleString("en-US")})
          </span>
          <ValueList values={group.values} />
        </div>
      ))}
    </div>
  );
}

function ValueList({ values }: { values: string[] }) {
  const [all, setAll] = useState(false);
  const { shown, more } = firstValues(values, all ? values.length : SHOWN_VALUES);
  return (
    <>
      <ul className="compare-grid__values">
        {shown.map((value, i) => (
          <li key={i}>{value}</li>
        ))}
      </ul>
      {more > 0 ? (
        <button type="button" className="link-button" onClick={() => setAll(true)}>
          Show all {values.length.toLocaleString("en-US")}
        </button>
      ) : null}
    </>
  );
}
