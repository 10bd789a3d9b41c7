import { useEffect, useRef, useState, type RefObject } from "react";
import type { QrCodeView } from "../../bindings";
import { CopyableCode } from "../../components/CopyableCode";
import { CopyButton } from "../../components/CopyButton";
import { IconArrowRight, IconClock, IconClose, IconKey, IconSession } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { clockWords } from "./sessionWords";
import type { PendingSignIn } from "./sessionStore";

type SignInProgressProps = {
  pending: PendingSignIn;
  /** Whether "Open in browser" is being answered. */
  opening: boolean;
  onCancel: () => void;
  onOpenBrowser: () => void;
};

/** A sign-in between its start and its end: what the user has to do, and Cancel (also Escape). */
export function SignInProgress({ pending, opening, onCancel, onOpenBrowser }: SignInProgressProps) {
  const heading = useRef<HTMLHeadingElement>(null);

  // The buttons that started it are gone: the user lands on what to do next.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [pending.started.loginId]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape" || event.defaultPrevented || event.isComposing) return;
      event.preventDefault();
      onCancel();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onCancel]);

  return pending.kind === "device" ? (
    <DeviceSignIn pending={pending} heading={heading} opening={opening} onCancel={onCancel} onOpenBrowser={onOpenBrowser} />
  ) : (
    <BrowserSignIn pending={pending} heading={heading} opening={opening} onCancel={onCancel} onOpenBrowser={onOpenBrowser} />
  );
}

type FlowProps<K extends PendingSignIn["kind"]> = {
  pending: Extract<PendingSignIn, { kind: K }>;
  heading: RefObject<HTMLHeadingElement | null>;
  opening: boolean;
  onCancel: () => void;
  onOpenBrowser: () => void;
};

function DeviceSignIn({ pending, heading, opening, onCancel, onOpenBrowser }: FlowProps<"device">) {
  const { started } = pending;
  const left = useSecondsLeft(pending.at, started.expiresIn);
  const pageWithCode = started.verificationUriComplete ?? started.verificationUri;
  return (
    <section className="sign-in-flow" data-testid="device-sign-in" aria-labelledby="device-sign-in-title">
      <header className="sign-in-flow__header">
        <span className="sign-in-flow__icon" aria-hidden="true">
          <IconKey />
        </span>
        <div className="sign-in-flow__heading">
          <h2 id="device-sign-in-title" ref={heading} tabIndex={-1}>
            Approve this sign-in on any device
          </h2>
          <p className="sign-in-flow__lead">
            Open the page, sign in to the tenant and confirm the code. IdLens finishes on its own once you approve it.
          </p>
        </div>
        <Countdown left={left} what="The code" testId="device-countdown" />
      </header>

      <div className="sign-in-flow__body sign-in-flow__body--device">
        <ol className="sign-in-steps">
          <li className="sign-in-steps__step">
            <span className="sign-in-steps__number" aria-hidden="true">
              1
            </span>
            <div className="sign-in-steps__content">
              <span className="sign-in-steps__title">Open the verification page</span>
              <CopyableCode text={started.verificationUri} what="verification URL" testId="device-verification-uri" />
              <div className="sign-in-steps__actions">
                <OpenBrowserButton
                  label="Open in browser"
                  opening={opening}
                  onOpenBrowser={onOpenBrowser}
                  testId="device-open-browser"
                />
                {started.verificationUriComplete ? (
                  <CopyButton
                    text={started.verificationUriComplete}
                    what="verification URL with the code filled in"
                    label="Copy URL with code"
                  />
                ) : null}
              </div>
              {pending.browserProblem ? (
                <Notice tone="warning" role="alert" testId="device-browser-problem">
                  <p>{pending.browserProblem}</p>
                </Notice>
              ) : null}
            </div>
          </li>
          <li className="sign-in-steps__step">
            <span className="sign-in-steps__number" aria-hidden="true">
              2
            </span>
            <div className="sign-in-steps__content">
              <span className="sign-in-steps__title" id="device-user-code-label">
                Enter this code there, or check it matches
              </span>
              <div className="user-code">
                <output
                  className="user-code__value"
                  data-testid="device-user-code"
                  aria-labelledby="device-user-code-label"
                  translate="no"
                >
                  {started.userCode}
                </output>
                <CopyButton text={started.userCode} what="user code" testId="device-copy-code" />
              </div>
            </div>
          </li>
        </ol>

        {started.qr ? (
          <figure className="sign-in-qr">
            <QrCode qr={started.qr} label={`QR code of ${pageWithCode}`} />
            <figcaption>Scan with a phone: the page opens with the code filled in.</figcaption>
          </figure>
        ) : null}
      </div>

      <footer className="sign-in-flow__footer">
        <WaitingLine text={left > 0 ? "Waiting for approval…" : "The code has expired; IdLens is stopping the sign-in…"} />
        <CancelButton onCancel={onCancel} />
      </footer>
    </section>
  );
}

function BrowserSignIn({ pending, heading, opening, onCancel, onOpenBrowser }: FlowProps<"browser">) {
  const { started } = pending;
  const left = useSecondsLeft(pending.at, started.timeoutSecs);
  const problem = pending.browserProblem ?? (started.browser.kind === "failed" ? started.browser.reason : null);
  return (
    <section className="sign-in-flow" data-testid="browser-sign-in" aria-labelledby="browser-sign-in-title">
      <header className="sign-in-flow__header">
        <span className="sign-in-flow__icon" aria-hidden="true">
          <IconSession />
        </span>
        <div className="sign-in-flow__heading">
          <h2 id="browser-sign-in-title" ref={heading} tabIndex={-1}>
            Finish signing in in your browser
          </h2>
          <p className="sign-in-flow__lead">
            {started.browser.kind === "opened"
              ? "IdLens opened the tenant’s sign-in page in your browser. Sign in there; the browser then comes back to IdLens."
              : "Open the sign-in page below in a browser on this computer and sign in; the browser then comes back to IdLens."}
          </p>
        </div>
        <Countdown left={left} what="IdLens waits" testId="browser-countdown" />
      </header>

      <div className="sign-in-flow__body">
        {problem ? (
          <Notice tone="warning" title="No browser was opened" role="alert" testId="browser-problem">
            <p>{problem}</p>
          </Notice>
        ) : null}
        <div className={`sign-in-url${problem ? " sign-in-url--prominent" : ""}`}>
          <span className="sign-in-steps__title">Sign-in page</span>
          <CopyableCode text={started.authorizeUrl} what="sign-in page URL" testId="browser-authorize-url" />
          <div className="sign-in-steps__actions">
            <OpenBrowserButton
              label="Open again"
              opening={opening}
              onOpenBrowser={onOpenBrowser}
              testId="browser-open-again"
            />
          </div>
        </div>
        <div className="sign-in-url">
          <span className="sign-in-steps__title">Where the browser comes back</span>
          <CopyableCode text={started.redirectUri} what="redirect URI" testId="browser-redirect-uri" />
          <p className="sign-in-url__hint">
            The application must list exactly this URL under <strong>Allowed Callback URLs</strong>, or the tenant
            refuses to send the browser back.
          </p>
        </div>
      </div>

      <footer className="sign-in-flow__footer">
        <WaitingLine text={left > 0 ? "Waiting for the browser…" : "Time is up; IdLens is stopping the sign-in…"} />
        <CancelButton onCancel={onCancel} />
      </footer>
    </section>
  );
}

/** Whole seconds left of `lifetime` seconds that started at `startedAt` (ms), ticking every second. */
function useSecondsLeft(startedAt: number, lifetime: number): number {
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNowMs(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const left = Math.ceil((startedAt + lifetime * 1000 - nowMs) / 1000);
  return Math.min(lifetime, Math.max(0, left));
}

function Countdown({ left, what, testId }: { left: number; what: string; testId: string }) {
  const tone = left === 0 ? "expired" : left < 60 ? "soon" : "ok";
  const words = left === 0 ? "expired" : `${clockWords(left)} left`;
  return (
    <span
      className={`countdown countdown--${tone}`}
      data-testid={testId}
      data-seconds={left}
      title={left === 0 ? `${what}: time is up` : `${what}: ${clockWords(left)} left`}
    >
      <IconClock />
      <span className="visually-hidden">{what}: </span>
      {words}
    </span>
  );
}

function WaitingLine({ text }: { text: string }) {
  return (
    <span className="waiting-line" role="status">
      <span className="loading-state__spinner" aria-hidden="true" />
      {text}
    </span>
  );
}

function CancelButton({ onCancel }: { onCancel: () => void }) {
  return (
    <button type="button" className="button" onClick={onCancel} data-testid="sign-in-cancel" aria-keyshortcuts="Escape">
      <IconClose />
      Cancel
      <kbd className="button__kbd" aria-hidden="true">
        Esc
      </kbd>
    </button>
  );
}

/** A QR code on a white tile with its quiet zone, legible in both themes. */
export function QrCode({ qr, label }: { qr: QrCodeView; label: string }) {
  const tile = qr.size + 8;
  return (
    <svg
      className="qr-code"
      viewBox={`-4 -4 ${tile} ${tile}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="device-qr"
    >
      <rect className="qr-code__tile" x={-4} y={-4} width={tile} height={tile} />
      <path className="qr-code__modules" d={qr.path} />
    </svg>
  );
}

/** Opens the sign-in's page in the system browser (through the core, which knows the URL). */
function OpenBrowserButton({
  label,
  opening,
  onOpenBrowser,
  testId,
}: {
  label: string;
  opening: boolean;
  onOpenBrowser: () => void;
  testId: string;
}) {
  return (
    <button
      type="button"
      className="button button--small"
      onClick={onOpenBrowser}
      disabled={opening}
      aria-busy={opening}
      data-testid={testId}
    >
      <IconArrowRight />
      {opening ? "Opening…" : label}
    </button>
  );
}
