// Types for scripts/build-mnist.mjs, so TypeScript tests can import its conversion.

export declare const MNIST_MAGIC: 'GGMN';
export declare const MNIST_VERSION: 1;
export declare const MNIST_HEADER_BYTES: 20;
export declare const DEFAULT_OUTPUT: string;

/** The folder holding the `mnist` package's per-digit JSON files (0.json … 9.json). */
export declare function mnistDigitsDir(): string;

/** Converts the package's digits into the mnist.bin bytes; deterministic. */
export declare function convertMnist(digitsDir?: string): Uint8Array;

/** Writes the binary, gzip-compressed (`bytes` on disk, `rawBytes` before compression; 0 when skipped), unless it is already newer than the package data and the script. */
export declare function buildMnist(options?: { output?: string; digitsDir?: string; force?: boolean }): {
  skipped: boolean;
  output: string;
  bytes: number;
  rawBytes: number;
  ms: number;
};
