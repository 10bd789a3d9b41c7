import { useEffect, useRef, useState } from "react";
import type { ProfileList } from "../bindings";
import { IconTrash } from "../components/Icons";
import { TRANSPORT_WORDS } from "../profile/neo4jTransport";
import { tenantHost } from "../profile/tenantUrls";
import { useProfileCommands } from "../profile/useProfileCommands";

type ProfileListPanelProps = {
  list: ProfileList;
  selected: string | null;
  /** True while the editor shows a profile that is not saved yet. */
  creating: boolean;
  /** Names with unsaved edits in the form. */
  unsaved: ReadonlySet<string>;
  onSelect: (name: string) => void;
  onListChanged: (list: ProfileList, removed?: string) => void;
};

/** Every profile, which one is in use, and the Use / Remove actions. */
export function ProfileListPanel({ list, selected, creating, unsaved, onSelect, onListChanged }: ProfileListPanelProps) {
  const { busy, use, remove } = useProfileCommands(onListChanged);
  const [confirming, setConfirming] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  return (
    <nav className="profile-panel" aria-label="Tenant profiles">
      <h2 className="profile-panel__title">
        Profiles <span className="profile-panel__count">{list.profiles.length}</span>
      </h2>
      <ul className="profile-list" data-testid="profile-list">
        {list.profiles.map((p) => {
          const isCurrent = p.name === list.current;
          const isSelected = p.name === selected;
          return (
            <li
              key={p.name}
              className={`profile-row${isSelected ? " is-selected" : ""}`}
              data-testid={`profile-item-${p.name}`}
              data-current={isCurrent ? "true" : "false"}
            >
              <button
                type="button"
                className="profile-row__main"
                aria-current={isSelected ? "true" : undefined}
                onClick={() => onSelect(p.name)}
              >
                <span className="profile-row__name">
                  <span className="profile-row__name-text">{p.name}</span>
                  {isCurrent ? (
                    <span className="chip chip--accent chip--small" data-testid="profile-in-use">
                      In use
                    </span>
                  ) : null}
                  {unsaved.has(p.name) ? (
                    <span className="profile-row__unsaved" title="Unsaved changes">
                      <span className="visually-hidden">(unsaved changes)</span>
                    </span>
                  ) : null}
                </span>
                <span className="profile-row__host">{tenantHost(p.issuer)}</span>
                {p.neo4jTransportWarning ? (
                  <span
                    className="chip chip--warning chip--small profile-row__flag"
                    title={p.neo4jTransportWarning.message}
                    data-testid={`profile-transport-${p.name}`}
                  >
                    {TRANSPORT_WORDS[p.neo4jTransportWarning.kind].chip}
                  </span>
                ) : null}
              </button>
              <div className="profile-row__actions">
                {isCurrent ? null : (
                  <button
                    type="button"
                    className="button button--small"
                    data-testid={`profile-use-${p.name}`}
                    disabled={busy !== null}
                    onClick={() => void use(p.name)}
                  >
                    Use
                  </button>
                )}
                <button
                  type="button"
                  className="button button--ghost button--small button--icon button--danger-text"
                  data-testid={`profile-remove-${p.name}`}
                  aria-label={`Remove profile ${p.name}`}
                  title={`Remove profile ${p.name}`}
                  aria-expanded={confirming === p.name}
                  disabled={busy !== null}
                  onClick={() => setConfirming(confirming === p.name ? null : p.name)}
                >
                  <IconTrash />
                </button>
              </div>
              {confirming === p.name ? (
                <div
                  className="profile-row__confirm"
                  role="group"
                  aria-label={`Confirm removing ${p.name}`}
                  onKeyDown={(e) => {
                    if (e.key === "Escape") {
                      e.stopPropagation();
                      setConfirming(null);
                    }
                  }}
                >
                  <p>
                    Remove <strong>{p.name}</strong>? Its stored secrets are deleted from the keychain too.
                  </p>
                  <div className="profile-row__confirm-actions">
                    <button
                      type="button"
                      className="button button--small button--danger"
                      data-testid="profile-remove-confirm"
                      disabled={busy !== null}
                      onClick={() => void remove(p.name, () => setConfirming(null))}
                      ref={confirmButton}
                    >
                      {busy === p.name ? "Removing…" : "Remove"}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      onClick={() => setConfirming(null)}
                    >
                      Cancel
                    </button>
                  </div>
                </div>
              ) : null}
            </li>
          );
        })}
        {creating ? (
          <li className="profile-row profile-row--draft is-selected" aria-current="true">
            <span className="profile-row__main">
              <span className="profile-row__name">
                <span className="profile-row__name-text">New profile</span>
              </span>
              <span className="profile-row__host">Not saved yet</span>
            </span>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
