import type { FromEngine } from '../protocol';
import { ToolChanged, ToolUnsupported, type ToolContext } from './context';
import { explain, tokenAttribution } from './explainTool';
import { testAccuracy } from './testAccuracy';
import { compress } from './compress';
import { adversarialTool, robustnessTool } from './adversarialTool';
import { distillProbe } from './distillProbe';
import { decode, latent, priorSample } from './latent';
import { recommend } from './recommend';
import type { ToolName, ToolRequest, ToolRequestOf, ToolResultOf } from './types';

/**
 * Every tool's handler, by name. A handler that writes the weights (pruning, quantization) says
 * so with `weightsChanged: true` in its result, and the session reports a fresh snapshot.
 */
type Handler<K extends ToolName> = (ctx: ToolContext, req: ToolRequestOf<K>) => Promise<ToolResultOf<K>>;
const HANDLERS: { [K in ToolName]: Handler<K> } = {
  testAccuracy,
  compress,
  adversarial: adversarialTool,
  robustness: robustnessTool,
  explain,
  tokenAttribution,
  distillProbe,
  latent,
  decode,
  priorSample,
  recommend,
};

/** Did this answer write the weights (so the views need a fresh snapshot)? */
export function wroteWeights(answer: Extract<FromEngine, { type: 'tool' }>): boolean {
  const r = answer.result as { weightsChanged?: boolean } | null;
  return r?.weightsChanged === true;
}

/** Run `request` and turn its outcome into the `tool` answer (never throws). */
export async function answerTool(ctx: ToolContext, runId: number, requestId: number, request: ToolRequest): Promise<Extract<FromEngine, { type: 'tool' }>> {
  const handler = HANDLERS[request.tool] as Handler<ToolName> | undefined;
  if (!handler) return { type: 'tool', runId, requestId, tool: request.tool, result: null, error: 'unsupported', detail: 'tools.unknown' };
  try {
    const result = await handler(ctx, request);
    return { type: 'tool', runId, requestId, tool: request.tool, result };
  } catch (err) {
    if (err instanceof ToolChanged) return { type: 'tool', runId, requestId, tool: request.tool, result: null, error: 'changed' };
    if (err instanceof ToolUnsupported) return { type: 'tool', runId, requestId, tool: request.tool, result: null, error: 'unsupported', detail: err.key };
    return { type: 'tool', runId, requestId, tool: request.tool, result: null, error: 'failed', detail: err instanceof Error ? err.message : String(err) };
  }
}
