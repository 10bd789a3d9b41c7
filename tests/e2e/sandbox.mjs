// The sandbox tenant for the specs: the real `idlens sandbox` on a free
// 127.0.0.1 port, started and stopped by a spec, and the hooks a person's
// other device would use (approving or denying a device sign-in), and a
// customer's wrong password at its login page. Shared by
// every spec that needs a tenant; lives outside specs/ (run.mjs runs each
// specs/*.test.mjs file as a spec).

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as delay } from "node:timers/promises";
import { APP_BIN, APP_ENV, cli, cliWithInput } from "./driver.mjs";

/** The sandbox generates its RSA keys at start; a debug build takes a while. */
const SANDBOX_START_DEADLINE_MS = 60_000;
const SANDBOX_STOP_DEADLINE_MS = 5_000;

/** The running sandbox: its process and the summary it printed. */
export const sandbox = { process: null, summary: null };

/** Starts `idlens sandbox` on a free port and reads its one-line JSON summary. */
export async function startSandbox(callbackUrl, port = 0, extraArgs = []) {
  const args = [
    "sandbox",
    "--port",
    String(port),
    "--json",
    "--device-interval",
    "1",
    "--callback",
    callbackUrl,
    ...extraArgs,
  ];
  const child = spawn(APP_BIN, args, {
    env: { PATH: process.env.PATH, ...APP_ENV },
    stdio: ["ignore", "pipe", "pipe"],
  });
  sandbox.process = child;
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdout.setEncoding("utf8");
  let stdout = "";
  const line = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`idlens sandbox printed no summary in time; stderr: ${stderr}`)),
      SANDBOX_START_DEADLINE_MS,
    );
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`idlens sandbox exited (${code}) before printing its summary; stderr: ${stderr}`));
    });
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, newline));
      }
    });
  });
  return JSON.parse(line);
}

export async function stopSandbox() {
  const child = sandbox.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  // It stops on Ctrl+C.
  child.kill("SIGINT");
  const stopped = await Promise.race([exited.then(() => true), delay(SANDBOX_STOP_DEADLINE_MS).then(() => false)]);
  if (!stopped) {
    child.kill("SIGKILL");
    await exited;
  }
}

/** Approves a device sign-in as `email`, as the user would on the sandbox's /activate page. */
export async function approveDevice(userCode, email) {
  const response = await fetch(new URL("sandbox/device/approve", sandbox.summary.issuer), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user_code: userCode, email }),
  });
  assert.equal(response.status, 204, `the sandbox refused to approve ${userCode}: ${await response.text()}`);
}

/** Denies a device sign-in, as the user would on the /activate page. */
export async function denyDevice(userCode) {
  const response = await fetch(new URL("sandbox/device/deny", sandbox.summary.issuer), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user_code: userCode }),
  });
  assert.equal(response.status, 204, `the sandbox refused to deny ${userCode}: ${await response.text()}`);
}

/**
 * A person at the sandbox's login page, as their browser sends it: the
 * authorization request for `callback`, then the form with `password`.
 * Resolves with the answer's status and whether the sandbox let them in (a
 * redirect to the callback with a code).
 */
export async function signInAtLoginPage(email, password, callback) {
  const { issuer, client_id: clientId } = sandbox.summary;
  const authorize = new URL("authorize", issuer);
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: callback,
    scope: "openid",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  }).toString();
  const page = await (await fetch(authorize)).text();
  const tx = /name="tx" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(tx, `the login page carries its sign-in: ${page.slice(0, 300)}`);
  const answer = await fetch(new URL("authorize/login", issuer), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ tx, email, password, action: "allow" }),
    redirect: "manual",
  });
  const location = answer.headers.get("location") ?? "";
  return { status: answer.status, signedIn: answer.status >= 300 && answer.status < 400 && location.includes("code=") };
}

/** A customer's wrong password at the login page, which the sandbox logs as `fp`. */
export async function failSignIn(email, callback) {
  const { status } = await signInAtLoginPage(email, "not-the-password", callback);
  assert.equal(status, 401, "a wrong password is refused with the login page again");
}

/**
 * The sandbox (its Management API at 20 requests a second) and a profile
 * `sandbox` reading it as its machine-to-machine application, the secret in
 * the keychain through the CLI's standard input, as an admin sets it up.
 * Returns the profile's callback URL.
 */
export async function startSandboxWithProfile(freePort) {
  const callbackPort = await freePort();
  const callback = `http://127.0.0.1:${callbackPort}/callback`;
  sandbox.summary = await startSandbox(callback, 0, ["--mgmt-rate", "20"]);
  const { issuer, client_id: clientId, audience, m2m_client_id: m2mClient, m2m_client_secret: secret } =
    sandbox.summary;
  cli(
    ...["profile", "add", "sandbox", "--issuer", issuer, "--client-id", clientId, "--audience", audience],
    ...["--callback-port", String(callbackPort), "--mgmt-client-id", m2mClient],
  );
  cliWithInput(secret, "profile", "set-mgmt-secret", "sandbox");
  return callback;
}
