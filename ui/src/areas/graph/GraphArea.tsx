import type { Navigate } from "../../app/navigation";
import type { KeychainView, Neo4jInput, ProfileView } from "../../bindings";
import { Card } from "../../components/Card";
import { EmptyState } from "../../components/EmptyState";
import { FactList } from "../../components/FactList";
import { IconDatabase, IconGraph, IconSettings } from "../../components/Icons";
import { Neo4jTransportNotice } from "../../profile/Neo4jTransportNotice";
import { hasStoredSecret } from "../../profile/storedSecrets";
import { SecretMissingState } from "../../profile/SecretMissingState";
import { StoredSecretStatus } from "../../profile/StoredSecretStatus";
import { tenantHost } from "../../profile/tenantUrls";
import type { AreaProps } from "../areaProps";
import { ProfileArea } from "../ProfileGate";
import { GraphWorkspace } from "./GraphWorkspace";
import "../../styles/graph.css";

/** User-ID prefixes of the identity providers whose accounts the audit pairs up. */
const PROVIDER_PREFIXES = ["auth0|", "google-oauth2|", "github|"] as const;

export function GraphArea(props: AreaProps) {
  const { navigate } = props;
  return (
    <ProfileArea
      {...props}
      testId="area-graph"
      title="Users & sync"
      lead="For comparing the tenant’s users with your Neo4j user graph and finding accounts that drifted apart."
      purpose="know which tenant’s users to compare"
    >
      {({ profile, keychain }) =>
        profile.neo4j ? (
          <GraphOverview profile={profile} neo4j={profile.neo4j} keychain={keychain} navigate={navigate} />
        ) : (
          <NoGraphConfigured profile={profile} navigate={navigate} />
        )
      }
    </ProfileArea>
  );
}

function NoGraphConfigured({ profile, navigate }: { profile: ProfileView; navigate: Navigate }) {
  const host = tenantHost(profile.issuer);
  return (
    <>
      <EmptyState
        icon={<IconDatabase />}
        title="No Neo4j graph configured"
        actions={
          <button
            type="button"
            className="button button--primary"
            data-testid="configure-neo4j"
            onClick={() => navigate("settings", { mode: "edit", profile: profile.name, focus: "neo4j" })}
          >
            <IconSettings />
            Configure Neo4j
          </button>
        }
      >
        <p>
          Give this profile the Neo4j database that mirrors the users of <strong>{host}</strong> (URI, user and
          database; the password goes in the keychain). The audit will then compare the two.
        </p>
      </EmptyState>
      <AuditScopeCard host={host} />
    </>
  );
}

function GraphOverview({
  profile,
  neo4j,
  keychain,
  navigate,
}: {
  profile: ProfileView;
  neo4j: Neo4jInput;
  keychain: KeychainView;
  navigate: Navigate;
}) {
  const passwordStored = hasStoredSecret(profile, "neo4jPassword");
  const host = tenantHost(profile.issuer);
  if (passwordStored) return <GraphWorkspace profile={profile} neo4j={neo4j} navigate={navigate} />;
  return (
    <div className="area-grid">
      <div className="area-grid__main">
        <SecretMissingState
          profile={profile.name}
          secret="neo4jPassword"
          title="The Neo4j password is not stored"
          action="Store the Neo4j password"
          navigate={navigate}
        >
          <p>
            IdLens will connect to <code className="inline-code">{neo4j.uri}</code> as{" "}
            <code className="inline-code">{neo4j.user}</code> and needs that user’s password, kept in the keychain.
          </p>
        </SecretMissingState>

        <Neo4jTransportNotice warning={profile.neo4jTransportWarning} />
        <AuditScopeCard host={host} />
      </div>

      <div className="area-grid__side">
        <Card
          title="Neo4j connection"
          icon={<IconDatabase />}
          aside={
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => navigate("settings", { mode: "edit", profile: profile.name, focus: "neo4j" })}
            >
              <IconSettings />
              Change
            </button>
          }
        >
          <FactList
            facts={[
              { label: "URI", value: <code className="inline-code">{neo4j.uri}</code>, testId: "neo4j-uri" },
              { label: "User", value: <code className="inline-code">{neo4j.user}</code>, testId: "neo4j-user" },
              {
                label: "Database",
                testId: "neo4j-database",
                value: neo4j.database ? (
                  <code className="inline-code">{neo4j.database}</code>
                ) : (
                  <span className="text-muted">Server default</span>
                ),
              },
              {
                label: "Password",
                testId: "neo4j-password-status",
                value: <StoredSecretStatus stored={passwordStored} keychain={keychain} />,
              },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}

/** What the sync audit reports, so the admin knows what to expect before running it. */
function AuditScopeCard({ host }: { host: string }) {
  return (
    <Card title="What the audit will look for" icon={<IconGraph />}>
      <ul className="finding-list">
        <li>
          <span className="finding-list__marker finding-list__marker--missing" aria-hidden="true" />
          <div>
            <strong>Users missing from the graph</strong>
            <p>Auth0 users of {host} that have no user node in the graph.</p>
          </div>
        </li>
        <li>
          <span className="finding-list__marker finding-list__marker--duplicate" aria-hidden="true" />
          <div>
            <strong>Duplicates across providers</strong>
            <p>
              One person with several accounts, one per identity provider:{" "}
              {PROVIDER_PREFIXES.map((prefix, i) => (
                <span key={prefix}>
                  <code className="inline-code">{prefix}…</code>
                  {i < PROVIDER_PREFIXES.length - 2 ? ", " : i === PROVIDER_PREFIXES.length - 2 ? " and " : ""}
                </span>
              ))}{" "}
              user IDs.
            </p>
          </div>
        </li>
      </ul>
    </Card>
  );
}
