import { useEffect, useRef, useState } from "react";
import { commands, type ApiError, type SessionToken } from "../../bindings";
import { CopyButton } from "../../components/CopyButton";
import { IconEyeOff, IconInspector, IconKey } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { toApiError } from "../../ipc";

const NAMES: Record<SessionToken, string> = { access: "access token", id: "ID token" };

type TokenRevealProps = {
  profile: string;
  /** Changes when the session's tokens change (a refresh): a shown token is then hidden, being out of date. */
  tokenRevision: string;
  /** Disables revealing while a session call runs. */
  busy: boolean;
  onOpenInInspector: (token: string) => void;
};

/**
 * Shows the session's access or ID token, fetched from the core only on a
 * click. The token lives in this component's state while it is shown, and is
 * dropped on Hide, on a refresh, and when the component goes away.
 */
export function TokenReveal({ profile, tokenRevision, busy, onOpenInInspector }: TokenRevealProps) {
  const [shown, setShown] = useState<{ which: SessionToken; token: string } | null>(null);
  const [fetching, setFetching] = useState<SessionToken | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const revealButtons = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setShown(null);
  }, [profile, tokenRevision]);

  useEffect(() => {
    if (shown) box.current?.focus({ preventScroll: true });
  }, [shown]);

  async function reveal(which: SessionToken) {
    setFetching(which);
    setError(null);
    try {
      const { token } = await commands.sessionRevealToken(profile, which);
      setShown({ which, token });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setFetching(null);
    }
  }

  function hide() {
    setShown(null);
    revealButtons.current?.querySelector<HTMLButtonElement>("button")?.focus();
  }

  return (
    <div className="token-reveal">
      <div className="token-reveal__buttons" ref={revealButtons}>
        {(["access", "id"] as const).map((which) => (
          <button
            key={which}
            type="button"
            className="button button--small"
            onClick={() => void reveal(which)}
            disabled={busy || fetching !== null}
            aria-busy={fetching === which}
            aria-pressed={shown?.which === which}
            data-testid={`reveal-${which}`}
          >
            <IconKey />
            {fetching === which ? "Revealing…" : `Reveal ${NAMES[which]}`}
          </button>
        ))}
        <span className="token-reveal__note">Shown only when you ask; forgotten when hidden.</span>
      </div>

      {error ? (
        <Notice tone="danger" role="alert" testId="reveal-error">
          <p>{error.message}</p>
        </Notice>
      ) : null}

      {shown ? (
        <div className="token-reveal__shown" data-testid="revealed-token-panel">
          <label className="token-reveal__label" htmlFor="revealed-token">
            The session’s {NAMES[shown.which]}. Anyone with it can call the API as you until it expires.
          </label>
          <textarea
            id="revealed-token"
            ref={box}
            className="token-reveal__box"
            value={shown.token}
            readOnly
            rows={4}
            spellCheck={false}
            autoComplete="off"
            translate="no"
            data-testid="revealed-token"
            data-which={shown.which}
          />
          <div className="token-reveal__actions">
            <CopyButton text={shown.token} what={NAMES[shown.which]} testId="revealed-copy" />
            <button
              type="button"
              className="button button--small"
              onClick={() => onOpenInInspector(shown.token)}
              data-testid="revealed-open-inspector"
            >
              <IconInspector />
              Open in Inspector
            </button>
            <button type="button" className="button button--small button--ghost" onClick={hide} data-testid="revealed-hide">
              <IconEyeOff />
              Hide
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
