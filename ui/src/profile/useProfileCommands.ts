// The profile commands that change the list (use one, remove one), run from
// the top bar and from Settings alike: one at a time per place, reported in a
// toast (what happened, or the core's message).
import { useState } from "react";
import { commands, type ProfileList } from "../bindings";
import { toApiError } from "../ipc";
import { useToast } from "../app/toast";

export function useProfileCommands(onListChanged: (list: ProfileList, removed?: string) => void) {
  const toast = useToast();
  /** The profile a command is running for. */
  const [busy, setBusy] = useState<string | null>(null);

  async function run(name: string, command: () => Promise<void>, done: string) {
    setBusy(name);
    try {
      await command();
      toast(done);
    } catch (e) {
      toast(toApiError(e).message, "error");
    } finally {
      setBusy(null);
    }
  }

  return {
    busy,
    /** Makes `name` the profile in use. */
    use: (name: string) =>
      run(name, async () => onListChanged(await commands.profileUse(name)), `Now using profile “${name}”`),
    /** Removes `name` and its stored secrets; `removed` runs before the new list is taken. */
    remove: (name: string, removed: () => void) =>
      run(
        name,
        async () => {
          const next = await commands.profileRemove(name);
          removed();
          onListChanged(next, name);
        },
        `Removed profile “${name}” and its stored secrets`,
      ),
  };
}
