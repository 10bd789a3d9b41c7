import { Card } from "../../components/Card";
import { IconHistory, IconMemory, IconTrash } from "../../components/Icons";
import type { HistoryEntry } from "./inspectorMemory";
import { KIND_WORDS, VERDICT_LABELS } from "./reportWords";

type HistoryCardProps = {
  entries: HistoryEntry[];
  /** The token in the box, to mark its entry. */
  current: string;
  redact: boolean;
  onOpen: (entry: HistoryEntry) => void;
  onClear: () => void;
};

/** This session's tokens, newest first; memory only. */
export function HistoryCard({ entries, current, redact, onOpen, onClear }: HistoryCardProps) {
  return (
    <Card
      title="History"
      icon={<IconHistory />}
      aside={
        entries.length ? (
          <button
            type="button"
            className="button button--ghost button--small button--danger-text"
            onClick={onClear}
            data-testid="inspector-history-clear"
          >
            <IconTrash />
            Clear history
          </button>
        ) : null
      }
    >
      <p className="history-card__note">
        <IconMemory />
        Kept in memory only, cleared when IdLens exits.
      </p>
      {entries.length ? (
        <ol className="history-list" data-testid="inspector-history">
          {entries.map((entry) => {
            const open = entry.token === current.trim();
            return (
              <li key={entry.id}>
                <button
                  type="button"
                  className={`history-item${open ? " is-open" : ""}`}
                  onClick={() => onOpen(entry)}
                  aria-current={open ? "true" : undefined}
                  data-testid="inspector-history-item"
                  data-verdict={entry.verdict}
                >
                  <span className={`history-item__verdict history-item__verdict--${entry.verdict}`}>
                    {VERDICT_LABELS[entry.verdict]}
                  </span>
                  <span className="history-item__kind">{KIND_WORDS[entry.kind]}</span>
                  <span className="history-item__who">{whoWords(entry, redact)}</span>
                  <time className="history-item__time" dateTime={new Date(entry.at).toISOString()}>
                    {new Date(entry.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}
                  </time>
                </button>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="card__text history-card__empty" data-testid="inspector-history">
          Tokens you inspect appear here, newest first. Click one to open it again.
        </p>
      )}
    </Card>
  );
}

/** Who the token is about and who issued it, as far as it says. */
function whoWords(entry: HistoryEntry, redact: boolean): string {
  const subject = entry.subject ? (redact ? "•••• (redacted)" : entry.subject) : null;
  const words = [subject, entry.tenant].filter(Boolean).join(" · ");
  return words || "no subject or issuer";
}
