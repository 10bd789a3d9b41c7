import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import "./styles/theme.css";
import "./styles/shell.css";
import "./styles/components.css";
import "./styles/areas.css";
import "./styles/settings.css";
import "./styles/inspector.css";
import "./styles/session.css";
import "./styles/rbac.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
