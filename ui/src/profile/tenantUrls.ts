// Display helpers for a profile's issuer. Addresses derived from the issuer
// (discovery document, Management API audience, callback URL) come from the
// core in `ProfileView`, never from here.

/** The tenant's host name, for compact display ("acme.eu.auth0.com"). */
export function tenantHost(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

/** True for the local sandbox tenant and other loopback issuers. */
export function isLoopbackIssuer(issuer: string): boolean {
  try {
    const host = new URL(issuer).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\./.test(host);
  } catch {
    return false;
  }
}
