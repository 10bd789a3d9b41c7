// Generated from crates/idlens-api by `UPDATE_EXPECT=1 cargo test -p idlens-api --test api`.
// Do not edit by hand: change the Rust types and regenerate.

import { call } from "./ipc";

export type ErrorCode = "invalidInput" | "notFound" | "alreadyExists" | "keychain" | "config" | "io" | "internal";

export type ApiError = { code: ErrorCode, message: string, 
/**
 * For `invalidInput` and `alreadyExists`: the input field at fault, named
 * as in the request type (`issuer`, `clientId`, …), so forms can mark it.
 */
field?: string, };

export type AppInfo = { version: string, 
/**
 * The profile file, shown so admins know what to back up.
 */
configPath: string, keychain: KeychainView, 
/**
 * The loopback port a new profile gets unless one is entered.
 */
defaultCallbackPort: number, 
/**
 * Scopes every sign-in requests; a profile's scopes are added to these.
 */
baseScopes: Array<string>, };

export type KeychainView = { "kind": "os" } | { "kind": "memoryOnly", reason: string, };

export type ProfileList = { profiles: Array<ProfileView>, current: string | null, configPath: string, keychain: KeychainView, };

export type ProfileView = { name: string, issuer: string, clientId: string, audience: string | null, callbackPort: number, 
/**
 * The redirect URI to register in the Auth0 application.
 */
callbackUrl: string, 
/**
 * Where the issuer's keys are found (`jwks_uri` in this document).
 */
discoveryUrl: string, 
/**
 * The tenant's Management API audience (`https://{domain}/api/v2/`).
 */
managementAudience: string, scopes: Array<string>, management: ManagementInput, neo4j: Neo4jInput | null, storedSecrets: Array<SecretKindView>, };

export type ProfileInput = { name: string, 
/**
 * Tenant domain (`acme.eu.auth0.com`) or issuer URL.
 */
issuer: string, clientId: string, audience: string | null, callbackPort: number | null, scopes: Array<string>, management: ManagementInput | null, neo4j: Neo4jInput | null, };

export type ManagementInput = { "kind": "disabled" } | { "kind": "signedInUser" } | { "kind": "clientCredentials", clientId: string, };

export type Neo4jInput = { uri: string, user: string, database: string | null, };

export type SecretKindView = "refreshToken" | "managementClientSecret" | "neo4jPassword";

export type SecretInput = { profile: string, kind: SecretKindView, value: string, };

export type SecretStored = { kind: SecretKindView, keychain: KeychainView, };

/** Every command of the desktop shell. Rejections are always an `ApiError`. */
export const commands = {
  /** Version, config file path and where secrets are kept. */
  appInfo: (): Promise<AppInfo> => call<AppInfo>("app_info"),
  /** All profiles, the one in use, the config path and keychain status. */
  profileList: (): Promise<ProfileList> => call<ProfileList>("profile_list"),
  /** Adds a profile; fails with `alreadyExists` if the name is taken. */
  profileAdd: (input: ProfileInput): Promise<ProfileView> => call<ProfileView>("profile_add", { input }),
  /** Replaces an existing profile's settings; stored secrets are kept. */
  profileUpdate: (input: ProfileInput): Promise<ProfileView> => call<ProfileView>("profile_update", { input }),
  /** Removes a profile and deletes its secrets from the keychain. */
  profileRemove: (name: string): Promise<ProfileList> => call<ProfileList>("profile_remove", { name }),
  /** Makes a profile the one in use. */
  profileUse: (name: string): Promise<ProfileList> => call<ProfileList>("profile_use", { name }),
  /** Stores a secret of a profile in the OS keychain (memory only if there is none). */
  profileSetSecret: (input: SecretInput): Promise<SecretStored> => call<SecretStored>("profile_set_secret", { input }),
  /** Deletes one stored secret of a profile. */
  profileClearSecret: (profile: string, kind: SecretKindView): Promise<ProfileView> => call<ProfileView>("profile_clear_secret", { profile, kind }),
};
