import type { AreaProps } from "../areaProps";
import { ProfileArea } from "../ProfileGate";
import { ManagementGate } from "../../profile/ManagementGate";
import { RbacWorkspace } from "./RbacWorkspace";

export function RbacArea(props: AreaProps) {
  return (
    <ProfileArea
      {...props}
      testId="area-rbac"
      title="Roles & permissions"
      lead="For seeing which roles grant which permissions, and why a user holds a permission."
      purpose="know which tenant’s roles to read"
    >
      {({ profile, keychain }) => (
        <ManagementGate
          profile={profile}
          keychain={keychain}
          navigate={props.navigate}
          reads="Roles, permissions and the users who hold them"
          testIdPrefix="rbac"
        >
          <RbacWorkspace profile={profile} navigate={props.navigate} />
        </ManagementGate>
      )}
    </ProfileArea>
  );
}
