/**
 * Tools: work done on the learner's trained network on request, beside training (issue 16:
 * attacks, explanations, compression, transfer). Wire types only, no TF.js: the page imports them.
 *
 * A tool is one request type and one result type, each with a `tool` tag; its types live in its own
 * `<name>Types.ts`, its TF.js code in `<name>.ts` (registered in `./index.ts`). Add a tool by adding
 * its request and result to the two unions below. A result whose tool wrote the weights carries
 * `weightsChanged: true` (the session then reports a fresh snapshot).
 */
import type { ExplainRequest, ExplainResult, TokenAttributionRequest, TokenAttributionResult } from './explainTypes';
import type { TestAccuracyRequest, TestAccuracyResult } from './testAccuracyTypes';
import type { CompressRequest, CompressResult } from './compressTypes';
import type { DistillProbeRequest, DistillProbeResult } from './distillProbeTypes';
import type { RecommendRequest, RecommendResult } from './recommendTypes';
import type { AdversarialRequest, AdversarialResult, RobustnessRequest, RobustnessResult } from './adversarialTypes';
import type { DecodeRequest, DecodeResult, LatentRequest, LatentResult, PriorSampleRequest, PriorSampleResult } from './latentTypes';

export type ToolRequest = TestAccuracyRequest | CompressRequest | AdversarialRequest | RobustnessRequest | ExplainRequest | TokenAttributionRequest | DistillProbeRequest | LatentRequest | DecodeRequest | PriorSampleRequest | RecommendRequest;

export type ToolResult = TestAccuracyResult | CompressResult | AdversarialResult | RobustnessResult | ExplainResult | TokenAttributionResult | DistillProbeResult | LatentResult | DecodeResult | PriorSampleResult | RecommendResult;

export type ToolName = ToolRequest['tool'];

/** The request and the result of tool `K`. */
export type ToolRequestOf<K extends ToolName> = Extract<ToolRequest, { tool: K }>;
export type ToolResultOf<K extends ToolName> = Extract<ToolResult, { tool: K }>;

/**
 * Why a tool gave no result: no network built; another tool or a loss slice running; the weights
 * changed under it (a step, an edit, a rebuild); the tool does not apply to this network or lab
 * (`detail` says why, an i18n key); or it failed (`detail` has the message).
 */
export type ToolError = 'notBuilt' | 'busy' | 'changed' | 'unsupported' | 'failed';

/** The unique, whole buffers of every typed array in `value` (depth-limited): a result's transferables. */
export function toolTransferables(value: unknown, depth = 6, out = new Set<ArrayBuffer>()): Set<ArrayBuffer> {
  if (depth < 0 || value === null || typeof value !== 'object') return out;
  if (ArrayBuffer.isView(value)) {
    const b = value.buffer;
    // Only a view of its whole buffer moves: a subarray's buffer holds other data too.
    if (b instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === b.byteLength) out.add(b);
    return out;
  }
  for (const v of Array.isArray(value) ? value : Object.values(value)) toolTransferables(v, depth - 1, out);
  return out;
}
