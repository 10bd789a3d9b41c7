import { Card } from "../components/Card";
import { ChoiceField } from "../components/ChoiceField";
import { IconContrast } from "../components/Icons";
import { THEME_CHOICES, themeHint } from "./theme";
import { themeStore } from "./themeStore";

/** The theme: System (follow the OS), Light or Dark; remembered by this web view, not by any profile. */
export function AppearanceCard() {
  const { preference, systemDark, saved } = themeStore.use();
  return (
    <Card title="Appearance" icon={<IconContrast />} className="appearance-card">
      <ChoiceField
        id="theme-preference"
        label="Theme"
        value={preference}
        choices={THEME_CHOICES}
        onChange={themeStore.choose}
        hint={themeHint(preference, systemDark, saved)}
      />
    </Card>
  );
}
