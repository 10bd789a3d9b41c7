// A real OpenID provider (oidc-provider) on 127.0.0.1 for the sign-in tests of
// crates/idlens-login. Test-only: every key and secret here is public.
//
//   node server.mjs [--port N] [--auth0] [--device-interval S] [--exit-with-stdin]
//
// --exit-with-stdin: exit when stdin closes, so a test runner that dies
// without cleaning up does not leave the provider running.
// --port 0 (the default) takes a free port. Once listening, one JSON line goes
// to stdout: {"ready":true,"issuer":"http://127.0.0.1:N/","port":N,"mode":"auth0"}.
// Environment: IDP_PORT, IDP_MODE=auth0|default, IDP_DEVICE_INTERVAL.
//
// Modes:
// - default: oidc-provider's own routes and issuer (no trailing slash); an API
//   is chosen with the RFC 8707 `resource` parameter, on every request.
// - auth0: Auth0's paths (/authorize, /oauth/token, /oauth/device/code,
//   /.well-known/jwks.json, /userinfo, /oauth/revoke), Auth0's trailing-slash
//   issuer, and Auth0's `audience` parameter mapped to a resource indicator
//   that the token endpoint reuses (Auth0 clients send `audience` once).
//
// Clients:
// - idlens-desktop: native public client (PKCE, device flow, refresh), loopback
//   redirects http://127.0.0.1/callback and http://localhost/callback (any port, RFC 8252).
// - idlens-desktop-short: the same, but its device codes expire after 1 s
//   (for expired_token).
// - idlens-desktop-slow: the same, but its first device-code poll that would
//   answers slow_down, whether or not the user approved yet (a busy provider).
// - idlens-m2m / idlens-m2m-secret: client credentials.
//
// Users: any login with any password (oidc-provider's development pages).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import * as querystring from 'node:querystring';
import { parseArgs } from 'node:util';

import Provider, { errors } from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.IDP_PORT ?? '0' },
    auth0: { type: 'boolean', default: process.env.IDP_MODE === 'auth0' },
    'device-interval': { type: 'string', default: process.env.IDP_DEVICE_INTERVAL ?? '1' },
    'exit-with-stdin': { type: 'boolean', default: false },
  },
});
const auth0 = args.auth0;
const deviceInterval = Number.parseInt(args['device-interval'], 10);
const port = Number.parseInt(args.port, 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`server.mjs: --port must be 0-65535, got ${args.port}`);
  process.exit(2);
}

// The signing key is generated once and committed, so the provider starts in
// a fraction of a second instead of generating RSA keys on every start.
const jwks = JSON.parse(readFileSync(new URL('./signing-key.json', import.meta.url), 'utf8'));

// APIs a token may be requested for (RFC 8707 resource / Auth0 audience).
// MISCONFIGURED_API issues tokens for another audience, so clients can be
// tested for refusing them.
const API_SCOPES = 'read:users read:roles';
const PERMISSIONS = ['read:users', 'read:roles'];
const MISCONFIGURED_API = 'https://misconfigured.idlens.test/';
function isKnownApi(resource, issuer) {
  return [
    'https://api.idlens.test/',
    MISCONFIGURED_API,
    `${issuer.replace(/\/$/, '')}/api/v2/`,
  ].includes(resource);
}

const AUTH0_ROUTES = {
  authorization: '/authorize',
  token: '/oauth/token',
  device_authorization: '/oauth/device/code',
  code_verification: '/activate',
  jwks: '/.well-known/jwks.json',
  userinfo: '/userinfo',
  revocation: '/oauth/revoke',
  end_session: '/v2/logout',
};

const nativeClient = (clientId) => ({
  client_id: clientId,
  client_name: 'IdLens',
  application_type: 'native',
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
  response_types: ['code'],
  // Loopback redirects: oidc-provider ignores the port for native clients
  // (RFC 8252 7.3); host and path must match, so both hosts are registered.
  redirect_uris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
});

// The HTTP server listens first so the issuer can name the real port.
const server = createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, '127.0.0.1', resolve);
});
const { port: boundPort } = server.address();
const issuer = auth0 ? `http://127.0.0.1:${boundPort}/` : `http://127.0.0.1:${boundPort}`;

const provider = new Provider(issuer, {
  jwks,
  cookies: { keys: ['idlens-test-idp-cookie-key'] },
  clients: [
    nativeClient('idlens-desktop'),
    nativeClient('idlens-desktop-short'),
    nativeClient('idlens-desktop-slow'),
    {
      client_id: 'idlens-m2m',
      client_secret: 'idlens-m2m-secret',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
  ],
  async findAccount(_ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          name: `Test user ${sub}`,
          email: `${sub}@example.test`,
          email_verified: true,
        };
      },
    };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  scopes: ['openid', 'offline_access', 'profile', 'email'],
  extraParams: auth0 ? ['audience'] : [],
  pkce: { required: () => true },
  routes: auth0 ? AUTH0_ROUTES : {},
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    ClientCredentials: 3600,
    DeviceCode: (_ctx, _token, client) => (client.clientId === 'idlens-desktop-short' ? 1 : 600),
    Grant: 3600,
    IdToken: 3600,
    Interaction: 600,
    RefreshToken: 86400,
    Session: 3600,
  },
  // Refresh tokens of public clients are single-use: each refresh returns a
  // new one and reusing an old one revokes the grant.
  rotateRefreshToken: true,
  features: {
    devInteractions: { enabled: true },
    deviceFlow: { enabled: true },
    revocation: { enabled: true },
    clientCredentials: { enabled: true },
    introspection: { enabled: false },
    resourceIndicators: {
      enabled: true,
      // Auth0 mode: the resource is the `audience` sent to /authorize or
      // /oauth/device/code, and the token endpoint reuses it.
      defaultResource: async (ctx, _client, oneOf) => (auth0 ? ctx.oidc.params.audience : undefined) ?? oneOf,
      useGrantedResource: async () => auth0,
      getResourceServerInfo: async (_ctx, resource) => {
        if (!isKnownApi(resource, issuer)) {
          throw new errors.InvalidTarget(`unknown API ${resource}`);
        }
        return {
          audience: resource === MISCONFIGURED_API ? 'https://another-api.idlens.test/' : resource,
          scope: API_SCOPES,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  // Auth0-style RBAC: access tokens for an API carry the user's permissions.
  extraTokenClaims: async (_ctx, token) => (
    token.kind === 'AccessToken' && token.resourceServer ? { permissions: PERMISSIONS } : undefined
  ),
});

// Device codes of idlens-desktop-slow whose first poll is still to come.
const slowDownPending = new Set();
const tokenPath = auth0 ? AUTH0_ROUTES.token : '/token';

provider.use(async (ctx, next) => {
  if (slowDownPending.size && ctx.method === 'POST' && ctx.path === tokenPath) {
    // Parsed here to read the device code; oidc-provider then uses this body.
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    ctx.request.body = querystring.parse(Buffer.concat(chunks).toString());
    const deviceCode = ctx.request.body.device_code;
    if (slowDownPending.delete(deviceCode)) {
      ctx.status = 400;
      ctx.body = { error: 'slow_down', error_description: 'you are polling too quickly and should back off at a reasonable rate' };
      return;
    }
  }
  if (auth0 && ctx.method === 'GET' && ctx.path === AUTH0_ROUTES.authorization) {
    // Auth0 issues refresh tokens for offline_access without prompt=consent;
    // oidc-provider (following OIDC Core 11) drops offline_access unless the
    // request has it. Emulate Auth0 so clients can behave as they would there.
    const scope = ctx.query.scope ?? '';
    if (scope.split(' ').includes('offline_access') && ctx.query.prompt === undefined) {
      ctx.query = { ...ctx.query, prompt: 'consent' };
    }
  }
  await next();
  // oidc-provider sends no `interval`, so clients would poll every 5 s; a
  // small one keeps the device-flow tests fast without any sleeping.
  if (ctx.oidc?.route === 'device_authorization' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
    ctx.body.interval = deviceInterval;
    if (ctx.oidc.client?.clientId === 'idlens-desktop-slow') {
      slowDownPending.add(ctx.body.device_code);
    }
  }
});

server.on('request', provider.callback());
// oidc-provider logs notices to stdout; a reader that went away must not crash it.
process.stdout.on('error', () => {});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
if (args['exit-with-stdin']) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}
process.stdout.write(`${JSON.stringify({
  ready: true, issuer, port: boundPort, mode: auth0 ? 'auth0' : 'default',
})}\n`);
