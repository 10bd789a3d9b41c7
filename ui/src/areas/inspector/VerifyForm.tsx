import { useState, type DragEvent } from "react";
import type { Navigate } from "../../app/navigation";
import type { ProfileView } from "../../bindings";
import { Card } from "../../components/Card";
import { ChipsInput } from "../../components/ChipsInput";
import { IconKey, IconSettings } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { TextField } from "../../components/TextField";
import type { KeyChoice, VerifyOptions } from "./inspectorMemory";
import { carriesText, readDrop } from "./textDrop";

/** How an option changed: picks apply at once, typing waits for a pause. */
export type OptionChange = "picked" | "typed";

type VerifyFormProps = {
  options: VerifyOptions;
  keyChoice: KeyChoice;
  profile: ProfileView | null;
  onChange: (change: Partial<VerifyOptions>, how: OptionChange) => void;
  hmacSecret: string;
  onHmacSecret: (secret: string) => void;
  navigate: Navigate;
};

const CHOICES: { value: KeyChoice; label: string }[] = [
  { value: "profile", label: "Profile in use (discovery)" },
  { value: "issuer", label: "Issuer URL (discovery)" },
  { value: "jwksUrl", label: "JWKS URL" },
  { value: "text", label: "Paste JWKS / PEM" },
  { value: "hmacSecret", label: "HMAC secret (HS256/384/512)" },
  { value: "none", label: "Decode only (unverified)" },
];

/** What the token is verified against: the key source, and what the claims must say. */
export function VerifyForm({ options, keyChoice, profile, onChange, hmacSecret, onHmacSecret, navigate }: VerifyFormProps) {
  const [keyFileProblem, setKeyFileProblem] = useState<string | null>(null);
  const advancedSet = [options.issuer, options.leeway, options.nonce, options.authorizedParty].filter((v) => v.trim()).length;
  // Open from the start when something in it is set; after that it is the user's to open and close.
  const [advancedOpenInitially] = useState(advancedSet > 0);

  const defaultAudiences =
    keyChoice === "profile" && profile ? [profile.audience, profile.clientId].filter((a): a is string => !!a) : [];
  const defaultIssuer =
    keyChoice === "profile" && profile
      ? profile.issuer
      : keyChoice === "issuer" && options.issuerUrl.trim()
        ? options.issuerUrl.trim()
        : null;

  async function onKeyDrop(event: DragEvent) {
    event.preventDefault();
    const dropped = await readDrop(event);
    if (!dropped) return;
    if ("error" in dropped) {
      setKeyFileProblem(dropped.error);
      return;
    }
    setKeyFileProblem(null);
    onChange({ keyText: dropped.text }, "picked");
  }

  return (
    <Card title="Verify against" icon={<IconKey />} className="verify-card">
      <div className="field">
        <label className="field__label" htmlFor="inspector-keys">
          Signing keys
        </label>
        <div className="select-wrap">
          <select
            id="inspector-keys"
            className="select"
            data-testid="inspector-keys"
            value={keyChoice}
            onChange={(e) => onChange({ keyChoice: e.target.value as KeyChoice }, "picked")}
          >
            {CHOICES.map((c) => (
              <option key={c.value} value={c.value} disabled={c.value === "profile" && !profile}>
                {c.value === "profile" && profile ? `Profile in use: ${profile.name} (discovery)` : c.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      {keyChoice === "profile" ? (
        profile ? (
          <>
            <p className="verify-card__source" data-testid="inspector-profile-source">
              Keys from the <code className="inline-code">jwks_uri</code> of{" "}
              <code className="inline-code">{profile.issuer}</code>, found by discovery.
            </p>
            {profile.audience ? null : (
              <p className="verify-card__source text-warning">
                This profile has no API audience: access tokens fail the audience check unless you add the API
                identifier below.
              </p>
            )}
          </>
        ) : (
          <Notice tone="warning" title="No profile in use">
            <p>Pick a profile in the top bar, or choose another key source.</p>
            <button type="button" className="button button--small" onClick={() => navigate("settings")}>
              <IconSettings />
              Open Settings
            </button>
          </Notice>
        )
      ) : null}

      {keyChoice === "issuer" ? (
        <TextField
          id="inspector-issuer-url"
          label="Issuer URL"
          value={options.issuerUrl}
          onChange={(issuerUrl) => onChange({ issuerUrl }, "typed")}
          placeholder="https://your-tenant.eu.auth0.com/"
          hint="IdLens reads the discovery document there and fetches its jwks_uri."
          mono
          inputMode="url"
          testId="inspector-issuer-url"
        />
      ) : null}

      {keyChoice === "jwksUrl" ? (
        <TextField
          id="inspector-jwks-url"
          label="JWKS URL"
          value={options.jwksUrl}
          onChange={(jwksUrl) => onChange({ jwksUrl }, "typed")}
          placeholder="https://your-tenant.eu.auth0.com/.well-known/jwks.json"
          hint="Set the expected issuer under Advanced: a JWKS URL does not say which issuer to expect."
          mono
          inputMode="url"
          testId="inspector-jwks-url"
        />
      ) : null}

      {keyChoice === "text" ? (
        <div className="field">
          <label className="field__label" htmlFor="inspector-key-text">
            JWKS or PEM public key
          </label>
          <textarea
            id="inspector-key-text"
            className="input input--mono verify-card__key-text"
            data-testid="inspector-key-text"
            value={options.keyText}
            onChange={(e) => onChange({ keyText: e.target.value }, "typed")}
            onDragOver={(e) => {
              if (!carriesText(e)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = "copy";
            }}
            onDrop={onKeyDrop}
            placeholder={'{"keys": [ … ]}  or  -----BEGIN PUBLIC KEY-----'}
            spellCheck={false}
            aria-describedby="inspector-key-text-hint"
            rows={5}
          />
          <p className="field__hint" id="inspector-key-text-hint">
            Paste or drop a JWKS document or PEM public keys (public keys only). Set the expected issuer under Advanced:
            pasted keys do not say which issuer to expect.
          </p>
          {keyFileProblem ? (
            <p className="field__hint text-danger" role="alert">
              {keyFileProblem}
            </p>
          ) : null}
        </div>
      ) : null}

      {keyChoice === "hmacSecret" ? (
        <TextField
          id="inspector-hmac-secret"
          label="HMAC secret"
          type="password"
          value={hmacSecret}
          onChange={onHmacSecret}
          hint={
            "Only for HS256/384/512 tokens; set the expected issuer under Advanced. " +
            "Held in memory while this screen is open, never stored, never sent anywhere."
          }
          mono
          testId="inspector-hmac-secret"
        />
      ) : null}

      {keyChoice === "none" ? (
        <Notice tone="warning" title="Nothing will be verified">
          <p>The claims are only what the token says about itself: anyone can make a token that decodes like this.</p>
        </Notice>
      ) : null}

      <ChipsInput
        id="inspector-audiences"
        label="Expected audience (aud)"
        what="audience"
        values={options.audiences}
        onChange={(audiences) => onChange({ audiences }, "picked")}
        placeholder={defaultAudiences.length ? `Default: ${defaultAudiences.join(", ")}` : "API identifier or client ID"}
        hint={
          options.audiences.length
            ? "The token must name one of these in aud."
            : defaultAudiences.length
              ? "Empty: the profile’s audience (access tokens) or client ID (ID tokens). Enter to add."
              : "Required for the audience check to pass. Enter to add."
        }
        testId="inspector-audiences"
      />

      <details className="verify-card__advanced" open={advancedOpenInitially || undefined}>
        <summary>
          Advanced
          {advancedSet ? <span className="chip chip--accent chip--small">{advancedSet} set</span> : null}
        </summary>
        <div className="verify-card__advanced-fields">
          <TextField
            id="inspector-issuer"
            label="Expected issuer (iss)"
            value={options.issuer}
            onChange={(issuer) => onChange({ issuer }, "typed")}
            placeholder={defaultIssuer ? `Default: ${defaultIssuer}` : "https://your-tenant.eu.auth0.com/"}
            optional
            mono
            testId="inspector-issuer"
          />
          <div className="verify-card__pair">
            <TextField
              id="inspector-leeway"
              label="Leeway (seconds)"
              value={options.leeway}
              onChange={(leeway) => onChange({ leeway: leeway.replace(/[^0-9]/g, "") }, "typed")}
              placeholder="60"
              inputMode="numeric"
              optional
              testId="inspector-leeway"
            />
            <TextField
              id="inspector-azp"
              label="Authorized party (azp)"
              value={options.authorizedParty}
              onChange={(authorizedParty) => onChange({ authorizedParty }, "typed")}
              placeholder={profile ? profile.clientId : "client ID"}
              optional
              mono
              testId="inspector-azp"
            />
          </div>
          <TextField
            id="inspector-nonce"
            label="Nonce"
            value={options.nonce}
            onChange={(nonce) => onChange({ nonce }, "typed")}
            hint="ID tokens: the nonce the sign-in sent, and the client ID expected in azp."
            optional
            mono
            testId="inspector-nonce"
          />
        </div>
      </details>
    </Card>
  );
}
