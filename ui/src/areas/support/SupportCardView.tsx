import type { SupportCard } from "../../bindings";
import { Card } from "../../components/Card";
import { FactList, type Fact } from "../../components/FactList";
import { IconRefresh, IconUsers, IconWarning } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { DiagnosisCard } from "./DiagnosisCard";
import type { EventFilter } from "./logWords";
import { supportStore } from "./supportStore";
import { blockScope, bruteForceWords, dateWords, unavailableWords } from "./supportWords";
import { AccessCard } from "./AccessCard";
import { FixButton, FixStatus } from "./FixControls";
import { MfaCard, SessionsCard, TokenCard } from "./MoreCards";
import { Timeline } from "./Timeline";

type SupportCardViewProps = { card: SupportCard; filter: EventFilter; openEvent: string | null; profile: string | null };

/** One customer side by side: account, blocks and access, then their story in the logs. */
export function SupportCardView({ card, filter, openEvent, profile }: SupportCardViewProps) {
  return (
    <div className="support__card" data-testid="support-card">
      <div className="support__read-at">
        <span data-testid="support-read-at">Read {dateWords(card.readAt)}</span>
        <button type="button" className="button button--ghost button--small" onClick={supportStore.refresh} data-testid="support-refresh">
          <IconRefresh />
          Refresh
        </button>
      </div>
      <FixStatus profile={profile} />
      <DiagnosisCard diagnosis={card.diagnosis} />
      {card.token ? <TokenCard token={card.token} /> : null}
      <div className="support__grid">
        <AccountCard card={card} />
        <BlocksCard card={card} />
        <AccessCard card={card} />
        <MfaCard card={card} />
        <SessionsCard card={card} />
      </div>
      <Timeline timeline={card.timeline} filter={filter} openEvent={openEvent} />
    </div>
  );
}

function AccountCard({ card }: { card: SupportCard }) {
  const a = card.account;
  const verified = a.emailVerified === true ? "verified" : a.emailVerified === false ? "not verified" : "verification unknown";
  const facts: Fact[] = [
    { label: "User ID", value: <code className="inline-code">{a.userId}</code>, testId: "support-user-id" },
    ...(a.name ? [{ label: "Name", value: a.name }] : []),
    ...(a.email ? [{ label: "E-mail", value: `${a.email} (${verified})`, testId: "support-email" }] : []),
    ...a.identities.map((identity, i) => ({
      label: i === 0 ? "Connection" : "Linked",
      value: `${identity.connection} (${identity.provider})`,
    })),
    { label: "Last login", value: `${dateWords(a.lastLogin)}${a.lastIp ? ` from ${a.lastIp}` : ""}` },
    { label: "Logins", value: String(a.loginsCount ?? 0) },
    { label: "Created", value: dateWords(a.createdAt) },
    ...(a.appMetadataKeys.length > 0 ? [{ label: "App metadata", value: a.appMetadataKeys.join(", ") }] : []),
  ];
  return (
    <Card title="Account" icon={<IconUsers />} id="support-account">
      {a.blocked ? (
        <Notice tone="danger" title="Blocked by an administrator" testId="support-admin-block">
          This block never expires. Unblocking it is an administrator’s decision.
        </Notice>
      ) : null}
      <FactList facts={facts} />
      <div className="support__fixes">
        {a.blocked ? (
          <FixButton fix={{ kind: "unblock", userId: a.userId }} testId="support-fix-unblock">
            Unblock
          </FixButton>
        ) : (
          <FixButton fix={{ kind: "block", userId: a.userId }} testId="support-fix-block">
            Block
          </FixButton>
        )}
        {a.email && a.emailVerified === false ? (
          <FixButton fix={{ kind: "sendVerificationEmail", userId: a.userId }} testId="support-fix-verify-email">
            Send verification e-mail
          </FixButton>
        ) : null}
        {a.identities[0] && !a.identities[0].isSocial ? (
          <FixButton fix={{ kind: "passwordTicket", userId: a.userId }} testId="support-fix-password-ticket">
            Password-change link
          </FixButton>
        ) : null}
      </div>
      {a.sameEmailElsewhere.map((other) => (
        <p className="card__text" key={`${other.provider}|${other.connection}`}>
          The same e-mail is also an account in <strong>{other.connection}</strong> ({other.provider}): the customer may be
          signing in the other way.
        </p>
      ))}
    </Card>
  );
}

function BlocksCard({ card }: { card: SupportCard }) {
  const mode = card.bruteForce.state === "available" ? card.bruteForce.value.mode : null;
  const missing = unavailableWords(card.blocks);
  return (
    <Card title="Brute-force blocks" icon={<IconWarning />} id="support-blocks">
      {card.blocks.state === "available" && card.blocks.value.length === 0 ? (
        <p className="card__text" data-testid="support-no-blocks">
          None: failed logins have not blocked this customer.
        </p>
      ) : null}
      {card.blocks.state === "available" && card.blocks.value.length > 0 ? (
        <ul className="support__blocks" data-testid="support-blocks-list">
          {card.blocks.value.map((block) => (
            <li key={`${block.identifier}|${block.ip ?? ""}|${block.connection ?? ""}`}>
              <strong>{block.identifier}</strong> is blocked {blockScope(block, mode)}
              {block.connection ? ` in ${block.connection}` : ""}: until removed, or for 30 days.
            </li>
          ))}
        </ul>
      ) : null}
      {card.blocks.state === "available" && card.blocks.value.length > 0 ? (
        <div className="support__fixes">
          {[...new Set(card.blocks.value.map((b) => b.identifier))].map((identifier) => (
            <FixButton key={identifier} fix={{ kind: "removeBlocks", identifier }} testId="support-fix-remove-blocks">
              Remove the blocks on {identifier}
            </FixButton>
          ))}
        </div>
      ) : null}
      {missing ? <p className="card__text">{missing}</p> : null}
      <p className="card__text" data-testid="support-brute-force">
        {card.bruteForce.state === "available"
          ? bruteForceWords(card.bruteForce.value)
          : `Settings: ${unavailableWords(card.bruteForce) ?? ""}`}
      </p>
    </Card>
  );
}
