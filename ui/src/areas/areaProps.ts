import type { Navigate } from "../app/navigation";
import type { ProfileContext } from "./profileContext";

export type AreaProps = {
  context: ProfileContext;
  navigate: Navigate;
  onRetry: () => void;
};
