// Types for scripts/icons.mjs (the app's PNG icons and web app manifest, made at build time).

export declare const ICON_BACKGROUND: string;
export declare function iconPixels(size: number): Uint8Array;
export declare function iconPng(size: number): Uint8Array;
export declare function webManifest(base?: string): {
  name: string;
  short_name: string;
  description: string;
  start_url: string;
  scope: string;
  display: string;
  background_color: string;
  theme_color: string;
  icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
};
