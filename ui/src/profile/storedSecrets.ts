import type { KeychainView, ProfileView, SecretKindView } from "../bindings";

export function hasStoredSecret(profile: ProfileView, kind: SecretKindView): boolean {
  return profile.storedSecrets.includes(kind);
}

/** Short name of where secrets go on this machine. */
export function keychainPlace(keychain: KeychainView): string {
  return keychain.kind === "os" ? "OS keychain" : "memory only";
}

export const MEMORY_ONLY_NOTICE = "No OS keychain: secrets are kept in memory until IdLens exits";

export const SECRET_LABELS: Record<SecretKindView, string> = {
  refreshToken: "Sign-in refresh token",
  managementClientSecret: "Management API client secret",
  neo4jPassword: "Neo4j password",
};
