// Inline stroke icons (24×24 grid, currentColor) so nothing is fetched at runtime.
import { useId, type ReactNode } from "react";

type IconProps = { className?: string; title?: string };

function StrokeIcon({ className, title, children }: IconProps & { children: ReactNode }) {
  return (
    <svg
      className={className ? `icon ${className}` : "icon"}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? "img" : undefined}
      focusable="false"
    >
      {title ? <title>{title}</title> : null}
      {/* The width on a group, not the <svg>: WebKit zooms a length set on the outer
          <svg> (a CSS box) with the page, then scales it again by the viewBox, so
          at 400 % zoom the strokes were four times too thick. */}
      <g strokeWidth={1.75}>{children}</g>
    </svg>
  );
}

/** The product mark: the lens from icons/source.svg on its indigo→teal tile. */
export function LensMark({ className }: { className?: string }) {
  const gradient = useId();
  return (
    <svg className={className} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={gradient} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#4338ca" />
          <stop offset="1" stopColor="#0f766e" />
        </linearGradient>
      </defs>
      <rect x="1" y="1" width="30" height="30" rx="7" fill={`url(#${gradient})`} />
      <circle cx="14" cy="14" r="7" fill="none" stroke="#fff" strokeWidth="2.3" />
      <line x1="19.3" y1="19.3" x2="25.5" y2="25.5" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      <circle cx="14" cy="12.5" r="2" fill="#fff" />
      <path d="M10.6 17.4c.6-2.4 6.2-2.4 6.8 0" fill="#fff" />
    </svg>
  );
}

export const IconSession = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4" />
    <path d="M9 16l4-4-4-4" />
    <path d="M13 12H4" />
  </StrokeIcon>
);

export const IconInspector = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M8 4H6a2 2 0 0 0-2 2v3l-1.5 1.5L4 12v3a2 2 0 0 0 2 2h1" />
    <circle cx="15" cy="13" r="4" />
    <path d="M18 16l3 3" />
    <path d="M12 4h2" />
  </StrokeIcon>
);

export const IconRbac = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6l7-3z" />
    <path d="M9 12l2 2 4-4" />
  </StrokeIcon>
);

export const IconGraph = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="6" cy="6" r="2.5" />
    <circle cx="18" cy="8" r="2.5" />
    <circle cx="9" cy="18" r="2.5" />
    <path d="M8.3 7.1l7.4.6" />
    <path d="M6.8 8.4l1.5 7.2" />
    <path d="M16.4 10l-5.6 6.2" />
  </StrokeIcon>
);

export const IconSettings = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M4 6h10" />
    <path d="M18 6h2" />
    <circle cx="16" cy="6" r="2" />
    <path d="M4 12h3" />
    <path d="M11 12h9" />
    <circle cx="9" cy="12" r="2" />
    <path d="M4 18h11" />
    <path d="M19 18h1" />
    <circle cx="17" cy="18" r="2" />
  </StrokeIcon>
);

export const IconCopy = (p: IconProps) => (
  <StrokeIcon {...p}>
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V6a2 2 0 0 1 2-2h9" />
  </StrokeIcon>
);

export const IconCheck = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </StrokeIcon>
);

export const IconCheckCircle = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M8.5 12.2l2.4 2.4 4.6-4.8" />
  </StrokeIcon>
);

export const IconWarning = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M12 4l9 16H3l9-16z" />
    <path d="M12 10v4" />
    <path d="M12 17.2v.1" />
  </StrokeIcon>
);

export const IconInfo = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5" />
    <path d="M12 7.8v.1" />
  </StrokeIcon>
);

export const IconDashboard = (p: IconProps) => (
  <StrokeIcon {...p}>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M3 9h18" />
    <path d="M7 13h4" />
    <path d="M7 16h7" />
  </StrokeIcon>
);

export const IconLock = (p: IconProps) => (
  <StrokeIcon {...p}>
    <rect x="5" y="10.5" width="14" height="10" rx="2" />
    <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
  </StrokeIcon>
);

export const IconMemory = (p: IconProps) => (
  <StrokeIcon {...p}>
    <rect x="6" y="6" width="12" height="12" rx="1.5" />
    <path d="M9.5 9.5h5v5h-5z" />
    <path d="M9 3v3M15 3v3M9 18v3M15 18v3M3 9h3M3 15h3M18 9h3M18 15h3" />
  </StrokeIcon>
);

export const IconPlus = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M12 5v14M5 12h14" />
  </StrokeIcon>
);

export const IconTrash = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M4 7h16" />
    <path d="M10 11v6M14 11v6" />
    <path d="M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12" />
    <path d="M9 7V4.5h6V7" />
  </StrokeIcon>
);

export const IconArrowRight = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M5 12h14" />
    <path d="M13 6l6 6-6 6" />
  </StrokeIcon>
);

export const IconKey = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="8" cy="15" r="4" />
    <path d="M10.8 12.2L19 4" />
    <path d="M16 7l2.5 2.5" />
    <path d="M14 9l2 2" />
  </StrokeIcon>
);

export const IconTerminal = (p: IconProps) => (
  <StrokeIcon {...p}>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M7 9l3 3-3 3" />
    <path d="M12.5 15H17" />
  </StrokeIcon>
);

export const IconShieldOff = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M19 13V6l-7-3-4.2 1.8" />
    <path d="M5 7v4c0 4.5 3 8.3 7 10 1.9-.8 3.5-2.1 4.8-3.7" />
    <path d="M3 3l18 18" />
  </StrokeIcon>
);

export const IconDatabase = (p: IconProps) => (
  <StrokeIcon {...p}>
    <ellipse cx="12" cy="6" rx="7" ry="3" />
    <path d="M5 6v6c0 1.7 3.1 3 7 3s7-1.3 7-3V6" />
    <path d="M5 12v6c0 1.7 3.1 3 7 3s7-1.3 7-3v-6" />
  </StrokeIcon>
);

/** A lifebuoy: the Support area. */
export const IconSupport = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="8.5" />
    <circle cx="12" cy="12" r="3.5" />
    <path d="M9.5 9.5L6 6M14.5 9.5L18 6M14.5 14.5L18 18M9.5 14.5L6 18" />
  </StrokeIcon>
);

export const IconUsers = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20c.6-3.6 3.2-5.5 6.5-5.5s5.9 1.9 6.5 5.5" />
    <path d="M16 4.8a3.5 3.5 0 0 1 0 6.4" />
    <path d="M18.5 14.8c1.7.8 2.7 2.6 3 5.2" />
  </StrokeIcon>
);

export const IconFile = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8l-5-5z" />
    <path d="M14 3v5h5" />
  </StrokeIcon>
);

export const IconClose = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M6 6l12 12M18 6L6 18" />
  </StrokeIcon>
);

export const IconRefresh = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M20 11a8 8 0 0 0-14.6-4.5L4 8" />
    <path d="M4 4v4h4" />
    <path d="M4 13a8 8 0 0 0 14.6 4.5L20 16" />
    <path d="M20 20v-4h-4" />
  </StrokeIcon>
);

export const IconClipboard = (p: IconProps) => (
  <StrokeIcon {...p}>
    <rect x="6" y="4.5" width="12" height="16" rx="2" />
    <path d="M9.5 4.5V3.5h5v1" />
    <path d="M9 10h6M9 13.5h6M9 17h3.5" />
  </StrokeIcon>
);

export const IconShieldCheck = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6l7-3z" />
    <path d="M8.8 12.2l2.2 2.2 4.2-4.4" />
  </StrokeIcon>
);

export const IconShieldX = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6l7-3z" />
    <path d="M9.5 9.5l5 5M14.5 9.5l-5 5" />
  </StrokeIcon>
);

export const IconShieldQuestion = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6l7-3z" />
    <path d="M10 9.6a2.1 2.1 0 0 1 4 .8c0 1.4-2 1.8-2 3.1" />
    <path d="M12 16.3v.1" />
  </StrokeIcon>
);

export const IconXCircle = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M9.2 9.2l5.6 5.6M14.8 9.2l-5.6 5.6" />
  </StrokeIcon>
);

export const IconMinusCircle = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M8.5 12h7" />
  </StrokeIcon>
);

export const IconHistory = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M4 12a8 8 0 1 0 2.4-5.7L4 8.5" />
    <path d="M4 4v4.5h4.5" />
    <path d="M12 8v4.5l3 1.8" />
  </StrokeIcon>
);

export const IconEyeOff = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M3 3l18 18" />
    <path d="M10.6 6.1A9.8 9.8 0 0 1 12 6c5 0 8.5 4.2 9.5 6-.5.9-1.6 2.4-3.1 3.7" />
    <path d="M6.6 7.6C4.6 8.9 3.2 10.8 2.5 12c1 1.8 4.5 6 9.5 6 1.6 0 3-.4 4.3-1.1" />
    <path d="M9.9 10a3 3 0 0 0 4.1 4.1" />
  </StrokeIcon>
);

export const IconBraces = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M8 4H7a2 2 0 0 0-2 2v3.5a2.5 2.5 0 0 1-2 2.5 2.5 2.5 0 0 1 2 2.5V18a2 2 0 0 0 2 2h1" />
    <path d="M16 4h1a2 2 0 0 1 2 2v3.5a2.5 2.5 0 0 0 2 2.5 2.5 2.5 0 0 0-2 2.5V18a2 2 0 0 1-2 2h-1" />
  </StrokeIcon>
);

export const IconClock = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5V12l3 2" />
  </StrokeIcon>
);

export const IconDownload = (p: IconProps) => (
  <StrokeIcon {...p}>
    <path d="M12 4v11M7 10l5 5 5-5" />
    <path d="M5 19h14" />
  </StrokeIcon>
);

export const IconSearch = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="M16 16l4.5 4.5" />
  </StrokeIcon>
);

export const IconStop = (p: IconProps) => (
  <StrokeIcon {...p}>
    <rect x="6.5" y="6.5" width="11" height="11" rx="1.5" />
  </StrokeIcon>
);

/** Half light, half dark: the theme. */
export const IconContrast = (p: IconProps) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 3.5a8.5 8.5 0 0 1 0 17z" fill="currentColor" />
  </StrokeIcon>
);
