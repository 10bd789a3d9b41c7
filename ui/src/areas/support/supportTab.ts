// Which of the Support area's tabs is open; it stays open across areas and
// profiles (the action log is the machine's, not a profile's).
import { createStore } from "../../store";

export type SupportTab = "customer" | "live" | "actionLog";

const store = createStore<{ tab: SupportTab }>({ tab: "customer" });

export const useSupportTab = () => store.use().tab;

export const setSupportTab = (tab: SupportTab) => store.set({ tab });
