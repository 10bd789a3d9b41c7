import type { KeychainView } from "../bindings";
import { IconWarning } from "../components/Icons";
import { keychainPlace } from "./storedSecrets";

/** Whether a profile's secret is stored, and where, as a fact's value on an area's connection card. */
export function StoredSecretStatus({ stored, keychain }: { stored: boolean; keychain: KeychainView }) {
  return stored ? (
    <span className="text-ok">Stored ({keychainPlace(keychain)})</span>
  ) : (
    <span className="text-warning">
      <IconWarning /> Not stored
    </span>
  );
}
