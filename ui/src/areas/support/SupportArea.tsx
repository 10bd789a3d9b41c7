import type { ReactNode } from "react";
import { ManagementGate } from "../../profile/ManagementGate";
import type { AreaProps } from "../areaProps";
import { ProfileArea } from "../ProfileGate";
import { LiveLogs } from "./LiveLogs";
import { CustomerPanel, SupportWorkspace } from "./SupportWorkspace";
import "../../styles/support.css";
import "../../styles/action-log.css";

export function SupportArea(props: AreaProps) {
  return (
    <ProfileArea
      {...props}
      testId="area-support"
      title="Support"
      lead="For answering “why can’t this customer sign in?”: their account, blocks, access and recent events side by side."
      purpose="know which tenant’s customers to look up"
    >
      {({ profile, keychain }) => {
        const gated = (content: ReactNode) => (
          <ManagementGate
            profile={profile}
            keychain={keychain}
            navigate={props.navigate}
            reads="Customers’ accounts, blocks and logs"
            testIdPrefix="support"
          >
            {content}
          </ManagementGate>
        );
        return (
          <SupportWorkspace
            customer={gated(<CustomerPanel profile={profile.name} />)}
            live={gated(<LiveLogs profile={profile.name} />)}
          />
        );
      }}
    </ProfileArea>
  );
}
