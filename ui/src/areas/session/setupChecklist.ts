import type { ProfileView } from "../../bindings";
import { isLoopbackIssuer } from "../../profile/tenantUrls";

/**
 * - `ok`: the profile shows this is in place.
 * - `warning`: the profile shows something is missing.
 * - `dashboard`: only the Auth0 dashboard can tell; the user checks it there.
 */
export type ChecklistStatus = "ok" | "warning" | "dashboard";

export type ChecklistItem = {
  id: string;
  status: ChecklistStatus;
  title: string;
  detail: string;
  /** A value to copy into the dashboard, if the step needs one. */
  copy?: { text: string; what: string };
};

/** What the Auth0 application and the profile need for sign-in to work, derived from the profile. */
export function setupChecklist(profile: ProfileView): ChecklistItem[] {
  const app = `the application with client ID ${profile.clientId}`;
  return [
    {
      id: "native",
      status: "dashboard",
      title: "Application type is Native",
      detail: `In Applications → ${app} → Settings, Application Type must be Native: IdLens is a public client and will sign in with PKCE, without a client secret.`,
    },
    {
      id: "device-code",
      status: "dashboard",
      title: "Device Code grant enabled",
      detail:
        "Under Advanced Settings → Grant Types, enable Authorization Code, Refresh Token and Device Code. Device Code will let you sign in where no browser can open.",
    },
    {
      id: "callback",
      status: "dashboard",
      title: "Callback URL registered",
      detail: `Add ${profile.callbackUrl} to Allowed Callback URLs. Auth0 compares the port too: if you change the callback port, register the new URL.`,
      copy: { text: profile.callbackUrl, what: "callback URL" },
    },
    {
      id: "rotation",
      status: "dashboard",
      title: "Refresh-token rotation on (recommended)",
      detail:
        "Under Refresh Token Rotation, turn rotation on so every refresh token is single-use: a copied token stops working after its next use.",
    },
    profile.audience
      ? {
          id: "audience",
          status: "ok",
          title: "Audience set",
          detail: `Access tokens will be requested for ${profile.audience}, so they are JWTs that can be decoded and verified.`,
        }
      : {
          id: "audience",
          status: "warning",
          title: "No audience set",
          detail:
            "Without an audience Auth0 issues opaque access tokens, which cannot be decoded or verified. Set the identifier of your API in Settings.",
        },
    ...(isLoopbackIssuer(profile.issuer)
      ? [
          {
            id: "loopback",
            status: "ok" as const,
            title: "Local tenant on this machine",
            detail: `${profile.issuer} is a loopback address, so plain http:// is allowed. The dashboard steps above apply to real Auth0 tenants.`,
          },
        ]
      : []),
  ];
}
