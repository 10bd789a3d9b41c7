import { useEffect, type ReactNode } from "react";
import type { Navigate } from "../../app/navigation";
import type { Neo4jInput, ProfileView } from "../../bindings";
import { tabPanelProps, Tabs, type TabItem } from "../../components/Tabs";
import { AuditTab } from "./AuditTab";
import { auditStore, useAuditState } from "./auditStore";
import { BrowseTab } from "./BrowseTab";
import { CompareTab } from "./CompareTab";
import { ConnectionStrip } from "./ConnectionStrip";
import { FixTab } from "./FixTab";
import { graphStore, useGraphState, type GraphTab } from "./graphStore";

const ID = "graph";

/** The Users & sync screen once the profile has a graph and its password. */
export function GraphWorkspace({ profile, neo4j, navigate }: { profile: ProfileView; neo4j: Neo4jInput; navigate: Navigate }) {
  const g = useGraphState();
  const a = useAuditState();
  const ours = g.profile === profile.name && a.profile === profile.name;

  useEffect(() => {
    graphStore.forProfile(profile.name);
    auditStore.forProfile(profile.name);
  }, [profile.name]);
  // Opening the screen checks the connection once; checking again is the user's call.
  useEffect(() => {
    if (ours && !g.status && !g.statusLoading && !g.statusError) void graphStore.loadStatus();
  }, [ours, g.status, g.statusLoading, g.statusError]);

  if (!ours) return null;
  const tabs: TabItem<GraphTab>[] = [
    { id: "browse", label: "Browse", badge: g.status ? g.status.userNodes.toLocaleString("en-US") : undefined },
    { id: "audit", label: "Audit", badge: a.overview ? a.overview.total.toLocaleString("en-US") : undefined },
    { id: "fix", label: "Fix plan" },
    { id: "compare", label: "Compare" },
  ];
  return (
    <div className="graph-workspace" data-testid="graph-workspace">
      <ConnectionStrip state={g} neo4j={neo4j} profile={profile} navigate={navigate} />
      <Tabs label="Users & sync views" tabs={tabs} selected={g.tab} onSelect={graphStore.setTab} idPrefix={ID} />
      <div className="graph-panel" {...tabPanelProps(ID, g.tab)}>
        <Panel tab={g.tab} profile={profile} navigate={navigate} />
      </div>
    </div>
  );
}

function Panel({ tab, profile, navigate }: { tab: GraphTab; profile: ProfileView; navigate: Navigate }): ReactNode {
  switch (tab) {
    case "browse":
      return <BrowseTab profile={profile} navigate={navigate} />;
    case "audit":
      return <AuditTab profile={profile} navigate={navigate} />;
    case "fix":
      return <FixTab profile={profile} />;
    case "compare":
      return <CompareTab />;
  }
}
