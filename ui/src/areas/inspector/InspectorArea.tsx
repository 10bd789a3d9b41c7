import type { Navigate } from "../../app/navigation";
import type { ProfileView } from "../../bindings";
import { AreaPage } from "../../components/AreaPage";
import { Card } from "../../components/Card";
import { CopyableCode } from "../../components/CopyableCode";
import { EmptyState } from "../../components/EmptyState";
import { FactList } from "../../components/FactList";
import { IconCheckCircle, IconInspector, IconKey, IconLock, IconSettings } from "../../components/Icons";
import { tenantHost } from "../../profile/tenantUrls";
import type { AreaProps } from "../areaProps";
import { ProfileGate } from "../ProfileGate";

export function InspectorArea({ context, navigate, onRetry }: AreaProps) {
  return (
    <AreaPage
      testId="area-inspector"
      title="Token inspector"
      lead="For decoding an ID or access token, checking its signature against the tenant’s keys and reading its claims."
    >
      <ProfileGate context={context} purpose="know whose signing keys to verify tokens with" navigate={navigate} onRetry={onRetry}>
        {({ profile }) => <InspectorOverview profile={profile} navigate={navigate} />}
      </ProfileGate>
    </AreaPage>
  );
}

function InspectorOverview({ profile, navigate }: { profile: ProfileView; navigate: Navigate }) {
  return (
    <div className="area-grid">
      <div className="area-grid__main">
        <EmptyState
          icon={<IconInspector />}
          title="Token inspection is not available yet"
          actions={
            profile.audience ? undefined : (
              <button
                type="button"
                className="button button--primary"
                onClick={() => navigate("settings", { mode: "edit", profile: profile.name, focus: "audience" })}
              >
                <IconSettings />
                Set an audience
              </button>
            )
          }
        >
          <p>
            This version of IdLens cannot decode tokens yet. Tokens will be decoded and verified on this machine, against
            the public signing keys of <strong>{tenantHost(profile.issuer)}</strong> listed below.
          </p>
          {profile.audience ? null : (
            <p>
              Set an audience now: without one, Auth0 issues opaque access tokens for this profile, which cannot be
              decoded or verified.
            </p>
          )}
        </EmptyState>

        <Card title="Verified against" icon={<IconKey />} aside={<span className="chip">{profile.name}</span>}>
          <FactList
            facts={[
              {
                label: "Signing keys",
                value: (
                  <span className="fact-stack">
                    <span>
                      From <code className="inline-code">jwks_uri</code> in the issuer’s discovery document:
                    </span>
                    <CopyableCode
                      text={profile.discoveryUrl}
                      what="discovery document URL"
                      compact
                      testId="inspector-discovery-url"
                    />
                  </span>
                ),
              },
              { label: "Issuer (iss)", value: <code className="inline-code">{profile.issuer}</code> },
              {
                label: "Audience (aud)",
                value: profile.audience ? (
                  <span className="fact-stack">
                    <span>
                      Access tokens: <code className="inline-code">{profile.audience}</code>
                    </span>
                    <span>
                      ID tokens: <code className="inline-code">{profile.clientId}</code>
                    </span>
                  </span>
                ) : (
                  <span className="fact-stack">
                    <span>
                      ID tokens: <code className="inline-code">{profile.clientId}</code>
                    </span>
                    <span className="text-warning">
                      No API audience in this profile: its access tokens are opaque and cannot be verified.
                    </span>
                  </span>
                ),
              },
            ]}
          />
        </Card>
      </div>

      <div className="area-grid__side">
        <Card title="What will stay on this machine" icon={<IconLock />}>
          <ul className="assurance-list">
            <li>
              <IconCheckCircle />
              <span>
                <strong>Decoded locally.</strong> Header, claims and expiry will be read on this machine.
              </span>
            </li>
            <li>
              <IconCheckCircle />
              <span>
                <strong>Verified locally.</strong> Signatures will be checked against the public keys that the
                issuer’s discovery document lists at <code className="inline-code">jwks_uri</code>.
              </span>
            </li>
            <li>
              <IconCheckCircle />
              <span>
                <strong>Tokens stay here.</strong> They will never be sent to Auth0 or anywhere else.
              </span>
            </li>
          </ul>
        </Card>
      </div>
    </div>
  );
}
