import type { ClaimExplanation, Report, TimeExplanation } from "../../bindings";
import { Card } from "../../components/Card";
import { DataTable, type Column } from "../../components/DataTable";
import { IconBraces, IconEyeOff, IconFile } from "../../components/Icons";
import { TextWithCode } from "../../components/TextWithCode";
import { CATEGORY_WORDS, HEADER_MEANINGS, relativeWords, timeTone } from "./reportWords";

type ClaimsTableProps = {
  report: Report;
  redact: boolean;
  /** Seconds since the epoch, ticking, for the relative times. */
  now: number;
  leewaySecs: number;
};

/** Every claim with what it means; personal ones masked when redacting. */
export function ClaimsTable({ report, redact, now, leewaySecs }: ClaimsTableProps) {
  return (
    <ClaimsCard
      explanations={report.explanations}
      unverified={report.unverified}
      redact={redact}
      now={now}
      leewaySecs={leewaySecs}
      testId="inspector-claims"
    />
  );
}

type ClaimsCardProps = {
  explanations: ClaimExplanation[];
  /** The claims were not verified: only what the token says about itself. */
  unverified: boolean;
  redact: boolean;
  /** Seconds since the epoch, ticking, for the relative times. */
  now: number;
  leewaySecs: number;
  title?: string;
  testId: string;
};

/** A card of explained claims: the inspector's, and the Session screen's ID token. */
export function ClaimsCard({ explanations, unverified, redact, now, leewaySecs, title = "Claims", testId }: ClaimsCardProps) {
  const masked = redact ? explanations.filter((e) => e.personal).length : 0;
  return (
    <Card
      title={title}
      icon={<IconBraces />}
      className="claims-card"
      aside={
        <>
          {masked ? (
            <span className="chip chip--accent" data-testid="inspector-redacted-count">
              <IconEyeOff className="chip__icon" />
              {masked} redacted
            </span>
          ) : null}
          {unverified ? (
            <span className="chip chip--warning" title="The signature was not verified: these are only what the token says about itself">
              unverified
            </span>
          ) : null}
          <span className="chip chip--muted">{explanations.length}</span>
        </>
      }
    >
      <DataTable
        label={title}
        className="claims-table"
        wrapClassName={null}
        testId={testId}
        columns={claimColumns(redact, now, leewaySecs)}
        rows={byImportance(explanations)}
        rowKey={(claim) => claim.name}
        rowAttributes={(claim) => ({ "data-testid": `claim-${claim.name}`, "data-personal": String(claim.personal) })}
      />
    </Card>
  );
}

/** The claims a support engineer looks at first, in this order; the rest follow as the core lists them. */
const FIRST_CLAIMS = ["iss", "sub", "aud", "azp", "gty", "scope", "permissions", "exp", "nbf", "iat", "auth_time", "nonce"];

function byImportance(claims: ClaimExplanation[]): ClaimExplanation[] {
  const rank = (name: string) => {
    const i = FIRST_CLAIMS.indexOf(name);
    return i < 0 ? FIRST_CLAIMS.length : i;
  };
  return [...claims].sort((a, b) => rank(a.name) - rank(b.name));
}

/** Each claim's name and category, its value (masked when personal and redacting), and what it means. */
function claimColumns(redact: boolean, now: number, leewaySecs: number): Column<ClaimExplanation>[] {
  return [
    {
      id: "claim",
      header: "Claim",
      rowHeader: true,
      className: "claims-table__name",
      cell: (claim) => (
        <>
          <code className="claims-table__key" translate="no">
            {claim.name}
          </code>
          <span className={`category category--${claim.category}`} title={CATEGORY_WORDS[claim.category].title}>
            {CATEGORY_WORDS[claim.category].label}
          </span>
        </>
      ),
    },
    {
      id: "value",
      header: "Value",
      className: "claims-table__value",
      cellProps: (claim) => ({ "data-testid": `claim-${claim.name}-value` }),
      cell: (claim) =>
        redact && claim.personal ? (
          <Redacted />
        ) : claim.time ? (
          <TimeBadge claim={claim.name} time={claim.time} now={now} leewaySecs={leewaySecs} />
        ) : (
          <ClaimValue name={claim.name} value={claim.value} />
        ),
    },
    {
      id: "meaning",
      header: "Meaning",
      className: "claims-table__meaning",
      cell: (claim) => (
        <>
          <TextWithCode text={claim.meaning} />
          {claim.personal ? <span className="claims-table__personal">Personal data: masked when redacting.</span> : null}
        </>
      ),
    },
  ];
}

function Redacted() {
  return (
    <span className="redacted" data-redacted="true">
      <span aria-hidden="true">██████</span> redacted
    </span>
  );
}

function ClaimValue({ name, value }: { name: string; value: unknown }) {
  if ((name === "scope" || name === "scp") && typeof value === "string") {
    return <ValueChips values={value.split(/\s+/).filter(Boolean)} />;
  }
  if ((name === "permissions" || name === "aud" || name === "amr") && isStringList(value)) {
    return <ValueChips values={value} />;
  }
  if (typeof value === "string") {
    return (
      <code className="claim-string" translate="no">
        {value}
      </code>
    );
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null) {
    return (
      <code className={`claim-literal claim-literal--${value === null ? "null" : typeof value}`} translate="no">
        {String(value)}
      </code>
    );
  }
  return (
    <pre className="claim-json" translate="no">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

function ValueChips({ values }: { values: string[] }) {
  if (values.length === 0) return <span className="text-muted">none</span>;
  return (
    <ul className="value-chips">
      {values.map((v, i) => (
        <li className="value-chip" key={`${v}-${i}`} translate="no">
          {v}
        </li>
      ))}
    </ul>
  );
}

/** "expires in 4 min", live, coloured by state; the exact time in UTC and local time beside it. */
function TimeBadge({ claim, time, now, leewaySecs }: { claim: string; time: TimeExplanation; now: number; leewaySecs: number }) {
  const tone = timeTone(claim, time.unix, now, leewaySecs);
  return (
    <span className="time-claim">
      <span
        className={`time-badge time-badge--${tone}`}
        data-testid={`time-${claim}`}
        data-tone={tone}
        title={`UTC: ${time.utc}\nLocal: ${time.local}`}
      >
        {relativeWords(claim, time.unix - now)}
      </span>
      <span className="time-claim__exact">
        <time dateTime={time.rfc3339}>{time.utc}</time>
        <span className="time-claim__local">
          Local {time.local.replace("T", " ")} · {time.unix}
        </span>
      </span>
    </span>
  );
}

const HEADER_COLUMNS: Column<[string, unknown]>[] = [
  {
    id: "parameter",
    header: "Parameter",
    rowHeader: true,
    className: "claims-table__name",
    cell: ([name]) => (
      <code className="claims-table__key" translate="no">
        {name}
      </code>
    ),
  },
  { id: "value", header: "Value", className: "claims-table__value", cell: ([name, value]) => <ClaimValue name={name} value={value} /> },
  {
    id: "meaning",
    header: "Meaning",
    className: "claims-table__meaning",
    cell: ([name]) =>
      HEADER_MEANINGS[name] ? (
        <TextWithCode text={HEADER_MEANINGS[name]} />
      ) : (
        <span className="text-muted">Not a standard header parameter.</span>
      ),
  },
];

/** The token's header: algorithm, type, key ID, and anything else it carries. */
export function HeaderTable({ header }: { header: Record<string, unknown> }) {
  const entries = Object.entries(header);
  return (
    <Card title="Header" icon={<IconFile />} className="claims-card" aside={<span className="chip chip--muted">{entries.length}</span>}>
      <DataTable
        label="Header"
        className="claims-table"
        wrapClassName={null}
        testId="inspector-header"
        columns={HEADER_COLUMNS}
        rows={entries}
        rowKey={([name]) => name}
        rowAttributes={([name]) => ({ "data-testid": `header-${name}` })}
      />
    </Card>
  );
}
