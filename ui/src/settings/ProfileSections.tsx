// The sections of the profile form, each a fieldset of fields bound to the
// draft (DraftField.tsx): the tenant, sign-in, Management API access and the
// Neo4j graph. Their ids are the places other areas send the user to.
import type { ReactNode } from "react";
import type { ProfileView, ProviderView } from "../bindings";
import { CopyButton } from "../components/CopyButton";
import { IconDatabase, IconDashboard, IconRbac, IconSession } from "../components/Icons";
import { Neo4jTransportNotice } from "../profile/Neo4jTransportNotice";
import { savedTransportWarning } from "../profile/neo4jTransport";
import { DraftChoiceField, DraftTextField, useDraft } from "./DraftField";
import { callbackUrlPreview, DEFAULT_GRAPH_MAPPING, type ManagementKind } from "./profileDraft";

const PROVIDER_CHOICES: { kind: ProviderView; label: string; detail: string }[] = [
  {
    kind: "auto",
    label: "Detect",
    detail:
      "Auth0 for *.auth0.com issuers and for providers that serve Auth0’s paths (custom domains, the sandbox); a standard OpenID provider otherwise.",
  },
  {
    kind: "auth0",
    label: "Auth0",
    detail: "The API is requested with Auth0’s audience parameter.",
  },
  {
    kind: "oidc",
    label: "Other OpenID provider",
    detail: "The API is requested as an RFC 8707 resource indicator.",
  },
];

const MANAGEMENT_CHOICES: { kind: ManagementKind; label: string; detail: string }[] = [
  {
    kind: "disabled",
    label: "Off",
    detail: "Roles, permissions and the Management API stay unavailable for this profile.",
  },
  {
    kind: "signedInUser",
    label: "Signed-in admin",
    detail: "IdLens will use your own token, requested for the Management API at sign-in.",
  },
  {
    kind: "clientCredentials",
    label: "Client credentials",
    detail: "IdLens will use a machine-to-machine application (client credentials grant); its client secret is kept in the keychain.",
  },
];

/** One titled part of the form. */
function FormSection({ id, icon, title, children }: { id: string; icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <fieldset className="form-section" id={id}>
      <legend className="form-section__title">
        {icon}
        {title}
      </legend>
      {children}
    </fieldset>
  );
}

/** Which tenant and application: the profile's name, the issuer, the client and the API. */
export function TenantSection({ isNew }: { isNew: boolean }) {
  const { draft } = useDraft();
  return (
    <FormSection id="settings-tenant" icon={<IconDashboard />} title="Tenant">
      <div className="field-grid">
        <DraftTextField
          field="name"
          label="Profile name"
          readOnly={!isNew}
          placeholder="production"
          hint={
            isNew
              ? "Letters, digits, “-”, “_” or “.”. Used on the command line: --profile NAME."
              : "The name keys the profile and its secrets, so it cannot change. Add a new profile to use another name."
          }
          required
        />
        <DraftTextField
          field="issuer"
          label="Tenant domain or issuer URL"
          placeholder="acme.eu.auth0.com"
          mono
          inputMode="url"
          hint="A bare domain becomes https://domain/. Plain http:// works only for 127.0.0.1 and localhost."
          required
        />
        <DraftTextField
          field="clientId"
          label="Client ID"
          mono
          hint="From the Native application’s Settings tab in the Auth0 dashboard."
          required
        />
        <DraftTextField
          field="audience"
          label="Audience (API identifier)"
          optional
          placeholder="https://api.example.com/"
          mono
          hint={
            draft.audience.trim() ? (
              "Access tokens will be requested for this API, so they are JWTs that can be verified."
            ) : (
              <span className="text-warning">Without an audience Auth0 issues opaque access tokens.</span>
            )
          }
        />
      </div>
    </FormSection>
  );
}

type SignInSectionProps = {
  /** The port used when none is typed: the saved one, else the core's default; null until known. */
  fallbackPort: number | null;
  /** Scopes every sign-in requests, from the core; null until it has answered. */
  baseScopes: readonly string[] | null;
};

/** How the user signs in: the provider kind, the callback port and extra scopes. */
export function SignInSection({ fallbackPort, baseScopes }: SignInSectionProps) {
  const { draft } = useDraft();
  const callbackUrl = callbackUrlPreview(draft, fallbackPort);
  return (
    <FormSection id="settings-sign-in" icon={<IconSession />} title="Sign-in">
      <p className="form-section__text">
        Changing the issuer, identity provider, client ID, audience or scopes signs this profile out: its refresh token
        is revoked, and you sign in again with the new settings.
      </p>
      <div className="field-grid">
        <DraftChoiceField
          field="provider"
          label="Identity provider"
          choices={PROVIDER_CHOICES}
          hint={PROVIDER_CHOICES.find((c) => c.kind === draft.provider)?.detail}
        />
        <DraftTextField
          field="callbackPort"
          label="Callback port"
          optional
          placeholder={fallbackPort === null ? undefined : String(fallbackPort)}
          inputMode="numeric"
          mono
          hint={
            callbackUrl ? (
              <>
                Register <code className="inline-code">{callbackUrl}</code>{" "}
                <CopyButton text={callbackUrl} what="callback URL" compact /> in Allowed Callback URLs.
              </>
            ) : (
              "After saving, register the callback URL that Session shows in Allowed Callback URLs."
            )
          }
        />
        <DraftTextField
          field="scopes"
          label="Extra scopes"
          optional
          placeholder="read:reports"
          mono
          hint={
            baseScopes
              ? `Separated by spaces. Always requested: ${baseScopes.join(" ")}.`
              : "Separated by spaces. Added to the scopes IdLens always requests."
          }
        />
      </div>
    </FormSection>
  );
}

/** How IdLens reaches the Management API, and how long a users export may take there. */
export function ManagementSection({ profile }: { profile: ProfileView | null }) {
  const { draft } = useDraft();
  const management = MANAGEMENT_CHOICES.find((c) => c.kind === draft.management) ?? MANAGEMENT_CHOICES[0]!;
  const sameTenant = profile !== null && draft.issuer.trim() === profile.issuer;
  return (
    <FormSection id="settings-management" icon={<IconRbac />} title="Management API access">
      <div className="field-grid">
        <DraftChoiceField
          field="management"
          label="Access mode"
          choices={MANAGEMENT_CHOICES}
          hint={
            <>
              {management.detail}
              {draft.management !== "disabled" && sameTenant ? (
                <>
                  {" "}
                  Audience: <code className="inline-code">{profile.managementAudience}</code>
                </>
              ) : null}
            </>
          }
        />
        {draft.management === "clientCredentials" ? (
          <DraftTextField
            field="managementClientId"
            label="Machine-to-machine client ID"
            mono
            hint="Store its client secret under Secrets, after saving."
            required
          />
        ) : null}
        {draft.management !== "disabled" ? (
          <DraftTextField
            field="exportJobDeadline"
            label="Users export deadline"
            optional
            placeholder="4h"
            mono
            hint="How long Auth0 may take to prepare a users export before IdLens stops waiting (the job goes on at Auth0): 30s, 90m, 4h or 1h30m, up to 24h. Exports of millions of users take hours."
          />
        ) : null}
        {draft.management !== "disabled" ? (
          <DraftTextField
            field="logRetentionDays"
            label="Log retention (days)"
            optional
            placeholder="30"
            inputMode="numeric"
            hint="How many days of logs the tenant's plan keeps (Free 1, Essentials 5, Professional 10, Enterprise 30). The Support desk then says when the oldest event is at the edge of what Auth0 still has."
          />
        ) : null}
      </div>
    </FormSection>
  );
}

/** The user graph: where it is, who connects, and how it stores users. */
export function Neo4jSection({ profile }: { profile: ProfileView | null }) {
  const { draft } = useDraft();
  return (
    <FormSection id="settings-neo4j" icon={<IconDatabase />} title="Neo4j graph">
      <p className="form-section__text">
        Optional. Leave the URI, user and database empty if this tenant has no user graph; the password goes under
        Secrets.
      </p>
      <div className="field-grid field-grid--three">
        <DraftTextField field="neo4jUri" label="URI" placeholder="neo4j+s://graph.example.com" mono inputMode="url" />
        <DraftTextField field="neo4jUser" label="User" placeholder="neo4j" mono />
        <DraftTextField field="neo4jDatabase" label="Database" optional placeholder="Server default" mono />
      </div>
      <Neo4jTransportNotice warning={savedTransportWarning(profile, draft.neo4jUri)} />
      <p className="form-section__text" id="settings-neo4j-mapping">
        How the graph stores users: the label of the user nodes and the properties the audit compares. Letters, digits
        and <code className="inline-code">_</code>; leave the name or e-mail-verified property empty if the graph keeps
        none.
      </p>
      <div className="field-grid field-grid--three">
        <DraftTextField field="neo4jLabel" label="User node label" placeholder={DEFAULT_GRAPH_MAPPING.label} mono />
        <DraftTextField
          field="neo4jIdProperty"
          label="ID property"
          placeholder={DEFAULT_GRAPH_MAPPING.idProperty}
          hint="Holds the Auth0 user_id."
          mono
        />
        <DraftTextField
          field="neo4jEmailProperty"
          label="E-mail property"
          placeholder={DEFAULT_GRAPH_MAPPING.emailProperty}
          mono
        />
        <DraftTextField field="neo4jNameProperty" label="Name property" optional placeholder="none" mono />
        <DraftTextField field="neo4jVerifiedProperty" label="E-mail-verified property" optional placeholder="none" mono />
      </div>
    </FormSection>
  );
}
