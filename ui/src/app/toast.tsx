import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { IconCheckCircle, IconClose, IconWarning } from "../components/Icons";

type ToastTone = "success" | "error";
type Toast = { id: number; text: string; tone: ToastTone };
type ShowToast = (text: string, tone?: ToastTone) => void;
type ShownToast = {
  toast: Toast | null;
  dismiss: () => void;
  /** Focus is in the toast (on Dismiss): it stays until focus leaves. */
  hold: (held: boolean) => void;
};

const ToastContext = createContext<ShowToast>(() => undefined);
const ShownToastContext = createContext<ShownToast>({ toast: null, dismiss: () => undefined, hold: () => undefined });

/** How long a confirmation stays on screen, unless focus is in it. */
const SHOWN_MS = 3200;

/** Shows a short confirmation ("Saved") or failure at the top of the content, below the top bar. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}

/** Holds the toast on screen; `ToastRegion` shows it where the layout has room for it. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const nextId = useRef(1);

  const shownTone = useRef<ToastTone | null>(null);
  const fadeLater = useCallback(() => {
    window.clearTimeout(timer.current);
    // Failures stay until dismissed; confirmations fade on their own.
    if (shownTone.current === "success") {
      timer.current = window.setTimeout(() => {
        shownTone.current = null;
        setToast(null);
      }, SHOWN_MS);
    }
  }, []);

  const show = useCallback<ShowToast>(
    (text, tone = "success") => {
      shownTone.current = tone;
      setToast({ id: nextId.current++, text, tone });
      fadeLater();
    },
    [fadeLater],
  );

  const dismiss = useCallback(() => {
    window.clearTimeout(timer.current);
    shownTone.current = null;
    setToast(null);
  }, []);

  // A keyboard user on Dismiss is not left on a control that vanishes.
  const hold = useCallback(
    (held: boolean) => {
      if (held) window.clearTimeout(timer.current);
      else fadeLater();
    },
    [fadeLater],
  );

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const shown = useMemo(() => ({ toast, dismiss, hold }), [toast, dismiss, hold]);

  return (
    <ToastContext.Provider value={show}>
      <ShownToastContext.Provider value={shown}>{children}</ShownToastContext.Provider>
    </ToastContext.Provider>
  );
}

/**
 * The live region toasts appear in: place it in a positioned box over the
 * content. Only the dismiss button takes pointer events, so a toast never
 * swallows a click meant for the control under it. While focus is on the
 * dismiss button the toast stays; dismissed from there, focus goes to the
 * main content rather than to nowhere.
 */
export function ToastRegion() {
  const { toast, dismiss, hold } = useContext(ShownToastContext);
  return (
    <div className="toast-region" aria-live="polite">
      {toast ? (
        <div
          key={toast.id}
          className={`toast toast--${toast.tone}`}
          role={toast.tone === "error" ? "alert" : "status"}
          data-testid="toast"
          onFocus={() => hold(true)}
          onBlur={(e) => {
            if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) hold(false);
          }}
        >
          {toast.tone === "success" ? <IconCheckCircle /> : <IconWarning />}
          <span className="toast__text">{toast.text}</span>
          <button
            type="button"
            className="toast__close"
            aria-label="Dismiss"
            onClick={() => {
              dismiss();
              document.getElementById("main")?.focus({ preventScroll: true });
            }}
            data-testid="toast-dismiss"
          >
            <IconClose />
          </button>
        </div>
      ) : null}
    </div>
  );
}
