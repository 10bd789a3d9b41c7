import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { IconCheckCircle, IconClose, IconWarning } from "../components/Icons";

type ToastTone = "success" | "error";
type Toast = { id: number; text: string; tone: ToastTone };
type ShowToast = (text: string, tone?: ToastTone) => void;

const ToastContext = createContext<ShowToast>(() => undefined);

/** Shows a short confirmation ("Saved") or failure at the bottom of the window. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}

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

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <ToastContext.Provider value={show}>
      {children}
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
            <button
              type="button"
              className="toast__close"
              aria-label="Dismiss"
              onClick={() => setToast(null)}
            >
              <IconClose />
            </button>
          </div>
        ) : null}
      </div>
    </ToastContext.Provider>
  );
}
