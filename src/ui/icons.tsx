/** Small inline icons: no icon font, so nothing renders as a missing glyph. */
const common = { width: 18, height: 18, viewBox: '0 0 24 24', 'aria-hidden': true, focusable: false } as const;

export const PlayIcon = () => (
  <svg {...common} width={24} height={24}>
    <path d="M8 5v14l11-7z" fill="currentColor" />
  </svg>
);
export const PauseIcon = () => (
  <svg {...common} width={24} height={24}>
    <path d="M6 5h4v14H6zM14 5h4v14h-4z" fill="currentColor" />
  </svg>
);
export const StepIcon = () => (
  <svg {...common}>
    <path d="M6 6v12l8.5-6zM16 6h2v12h-2z" fill="currentColor" />
  </svg>
);
export const ResetIcon = () => (
  <svg {...common}>
    <path d="M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z" fill="currentColor" />
  </svg>
);
