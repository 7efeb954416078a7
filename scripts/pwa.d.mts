// Types for scripts/pwa.mjs (the service worker's precache manifest, written at build time).

export interface PrecacheEntry {
  url: string;
  /** A content hash; null for Vite's hashed assets (the hash is in the name). */
  revision: string | null;
}
export interface RuntimeEntry {
  url: string;
  revision: string;
}
export interface OfflineManifest {
  version: string;
  precache: PrecacheEntry[];
  runtime: RuntimeEntry[];
}

export declare function shouldPrecache(path: string): boolean;
export declare function isRuntimeData(path: string): boolean;
export declare function revisionOf(bytes: Uint8Array | string): string;
export declare function precacheManifest(files: Array<{ path: string; bytes: Uint8Array }>): OfflineManifest;
export declare function precacheName(version: string): string;
export declare const DATA_CACHE: string;
export declare function renderServiceWorker(manifest: OfflineManifest, template: string): string;
export declare function writeServiceWorker(distDir: string): { manifest: OfflineManifest; precachedBytes: number };
