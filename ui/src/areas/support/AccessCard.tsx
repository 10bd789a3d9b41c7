import { useState } from "react";
import type { SupportCard } from "../../bindings";
import { Card } from "../../components/Card";
import { IconRbac } from "../../components/Icons";
import { TextField } from "../../components/TextField";
import { FixButton } from "./FixControls";
import { unavailableWords } from "./supportWords";

/** The customer's roles, each removable, a role to assign, and how many permissions they hold. */
export function AccessCard({ card }: { card: SupportCard }) {
  const [role, setRole] = useState("");
  if (card.access.state !== "available") {
    return (
      <Card title="Access" icon={<IconRbac />} id="support-access">
        <p className="card__text">{unavailableWords(card.access)}</p>
      </Card>
    );
  }
  const access = card.access.value;
  const userId = card.account.userId;
  return (
    <Card title="Access" icon={<IconRbac />} id="support-access">
      {access.roles.length === 0 ? (
        <p className="card__text" data-testid="support-roles">
          No role.
        </p>
      ) : (
        <ul className="support__list" data-testid="support-roles">
          {access.roles.map((r) => (
            <li key={r.id} className="support__role">
              <span>{r.name}</span>
              <FixButton fix={{ kind: "removeRole", userId, role: r.id }} testId="support-fix-remove-role">
                Remove
              </FixButton>
            </li>
          ))}
        </ul>
      )}
      <p className="card__text">{access.permissions.length} permissions in all (Roles &amp; permissions explains each).</p>
      <div className="support__assign">
        <TextField
          id="support-assign-role"
          label="Assign a role"
          value={role}
          onChange={setRole}
          hint="Its name or ID, as Roles & permissions lists them."
          spellCheck={false}
          autoComplete="off"
          testId="support-assign-role"
        />
        {role.trim() ? (
          <FixButton fix={{ kind: "assignRole", userId, role: role.trim() }} testId="support-fix-assign-role">
            Assign
          </FixButton>
        ) : null}
      </div>
    </Card>
  );
}
