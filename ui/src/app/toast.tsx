import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { IconCheckCircle, IconClose, IconWarning } from "../components/Icons";

type ToastTone = "success" | "error";
type Toast = { id: number; text: string; tone: ToastTone };
type ShowToast = (text: string, tone?: ToastTone) => void;
type ShownToast = { toast: Toast | null; dismiss: () => void };

const ToastContext = createContext<ShowToast>(() => undefined);
const ShownToastContext = createContext<ShownToast>({ toast: null, dismiss: () => undefined });

/** Shows a short confirmation ("Saved") or failure at the top of the content, below the top bar. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}

/** Holds the toast on screen; `ToastRegion` shows it where the layout has room for it. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const nextId = useRef(1);

  const show = useCallback<ShowToast>((text, tone = "success") => {
    window.clearTimeout(timer.current);
    setToast({ id: nextId.current++, text, tone });
    // Failures stay until dismissed; confirmations fade on their own.
    if (tone === "success") timer.current = window.setTimeout(() => setToast(null), 3200);
  }, []);

  const dismiss = useCallback(() => {
    window.clearTimeout(timer.current);
    setToast(null);
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const shown = useMemo(() => ({ toast, dismiss }), [toast, dismiss]);

  return (
    <ToastContext.Provider value={show}>
      <ShownToastContext.Provider value={shown}>{children}</ShownToastContext.Provider>
    </ToastContext.Provider>
  );
}

/**
 * The live region toasts appear in: place it in a positioned box over the
 * content. Only the dismiss button takes pointer events, so a toast never
 * swallows a click meant for the control under it.
 */
export function ToastRegion() {
  const { toast, dismiss } = useContext(ShownToastContext);
  return (
    <div className="toast-region" aria-live="polite">
      {toast ? (
        <div
          key={toast.id}
          className={`toast toast--${toast.tone}`}
          role={toast.tone === "error" ? "alert" : "status"}
          data-testid="toast"
        >
          {toast.tone === "success" ? <IconCheckCircle /> : <IconWarning />}
          <span className="toast__text">{toast.text}</span>
          <button type="button" className="toast__close" aria-label="Dismiss" onClick={dismiss}>
            <IconClose />
          </button>
        </div>
      ) : null}
    </div>
  );
}
