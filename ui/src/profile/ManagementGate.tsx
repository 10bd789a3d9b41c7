import type { ReactNode } from "react";
import type { Navigate } from "../app/navigation";
import type { KeychainView, ProfileView } from "../bindings";
import { Card } from "../components/Card";
import { CopyableCode } from "../components/CopyableCode";
import { EmptyState } from "../components/EmptyState";
import { FactList } from "../components/FactList";
import { IconRbac, IconSettings, IconShieldOff } from "../components/Icons";
import { hasStoredSecret } from "./storedSecrets";
import { SecretMissingState } from "./SecretMissingState";
import { StoredSecretStatus } from "./StoredSecretStatus";
import { tenantHost } from "./tenantUrls";

type ManagementGateProps = {
  profile: ProfileView;
  keychain: KeychainView;
  navigate: Navigate;
  /** What the area reads from the Management API, completing "… will be read from the Auth0 Management API of": "Roles, permissions and the users who hold them". */
  reads: string;
  /** The prefix of the gate's test ids ("rbac" → "rbac-secret-missing"). */
  testIdPrefix: string;
  /** The area's content, once the profile can reach the Management API. */
  children: ReactNode;
};

/**
 * What an area that reads the Management API shows before it can: how to
 * turn access on, or where to store the machine-to-machine client secret.
 * Once the profile has what it needs, the area's content.
 */
export function ManagementGate({ profile, keychain, navigate, reads, testIdPrefix, children }: ManagementGateProps) {
  const audience = profile.managementAudience;
  const host = tenantHost(profile.issuer);
  const openManagementSettings = () =>
    navigate("settings", { mode: "edit", profile: profile.name, focus: "management" });
  const management = profile.management;

  if (management.kind === "disabled") {
    return (
      <>
        <EmptyState
          icon={<IconShieldOff />}
          title="Management API access is off for this profile"
          actions={
            <button
              type="button"
              className="button button--primary"
              data-testid="configure-management"
              onClick={openManagementSettings}
            >
              <IconSettings />
              Configure Management API access
            </button>
          }
        >
          <p>
            {reads} will be read from the Auth0 Management API of <strong>{host}</strong>. Choose now how IdLens will
            reach it: with your own admin sign-in, or with a machine-to-machine application whose client secret is kept
            in the keychain.
          </p>
        </EmptyState>
        <AccessModesCard audience={audience} />
      </>
    );
  }

  const secretStored = hasStoredSecret(profile, "managementClientSecret");
  const needsSecret = management.kind === "clientCredentials" && !secretStored;

  if (!needsSecret) return <>{children}</>;

  return (
    <div className="area-grid">
      <div className="area-grid__main">
        <SecretMissingState
          profile={profile.name}
          secret="managementClientSecret"
          title="The client secret is not stored"
          titleTestId={`${testIdPrefix}-secret-missing`}
          action="Store the client secret"
          navigate={navigate}
        >
          <p>
            IdLens requests Management API tokens as the machine-to-machine application{" "}
            <code className="inline-code">{management.kind === "clientCredentials" ? management.clientId : ""}</code>,
            which needs its client secret. Copy it from the application’s settings in the Auth0 dashboard and store it in
            Settings (or run <code className="inline-code">idlens profile set-mgmt-secret {profile.name}</code>).
          </p>
        </SecretMissingState>
      </div>
      <div className="area-grid__side">
        <AccessCard profile={profile} keychain={keychain} onChange={openManagementSettings} />
      </div>
    </div>
  );
}

/** How this profile reaches the Management API. */
export function AccessCard({
  profile,
  keychain,
  onChange,
}: {
  profile: ProfileView;
  keychain: KeychainView;
  onChange: () => void;
}) {
  const management = profile.management;
  const secretStored = hasStoredSecret(profile, "managementClientSecret");
  return (
    <Card
      title="Management API access"
      icon={<IconRbac />}
      aside={
        <button type="button" className="button button--ghost button--small" onClick={onChange}>
          <IconSettings />
          Change
        </button>
      }
    >
      <FactList
        facts={[
          {
            label: "Access mode",
            testId: "management-mode",
            value:
              management.kind === "signedInUser"
                ? "Signed-in admin (your own token)"
                : "Client credentials (machine-to-machine)",
          },
          ...(management.kind === "clientCredentials"
            ? [
                { label: "Client ID", value: <code className="inline-code">{management.clientId}</code> },
                {
                  label: "Client secret",
                  testId: "management-secret-status",
                  value: <StoredSecretStatus stored={secretStored} keychain={keychain} />,
                },
              ]
            : []),
          {
            label: "API audience",
            testId: "management-audience",
            value: <CopyableCode text={profile.managementAudience} what="Management API audience" compact />,
          },
        ]}
      />
    </Card>
  );
}

/** The two ways to reach the Management API, side by side, for choosing one. */
function AccessModesCard({ audience }: { audience: string }) {
  return (
    <Card title="Two ways to reach the Management API" icon={<IconRbac />}>
      <div className="mode-compare">
        <div className="mode-compare__option">
          <strong>Signed-in admin</strong>
          <p>
            IdLens will use your own token, requested for <code className="inline-code">{audience}</code> at sign-in.
            Nothing else to store.
          </p>
        </div>
        <div className="mode-compare__option">
          <strong>Client credentials</strong>
          <p>
            A machine-to-machine application authorized for the Auth0 Management API with read scopes such as{" "}
            <code className="inline-code">read:users</code> and <code className="inline-code">read:roles</code>. Its
            client secret is kept in the keychain.
          </p>
        </div>
      </div>
    </Card>
  );
}
