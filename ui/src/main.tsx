// The entry: small on purpose. It asks the core for the first screen's data
// (firstLoad.ts) and only then loads React and the app, so the request travels
// while the browser parses the app's bundle instead of after it.
import "./firstLoad";
import "./styles/theme.css";
import "./styles/shell.css";
import "./styles/components.css";
import "./styles/areas.css";
import "./styles/settings.css";
import "./styles/inspector.css";
import "./styles/session.css";
import "./styles/rbac.css";
import { startTheme } from "./settings/themeStore";

// The chosen theme is on <html> before React renders anything.
startTheme();
void import("./app/start");
