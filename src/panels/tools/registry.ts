import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../../i18n';
import type { Modality } from '../../data/datasetSpec';

/**
 * The tabs of the tools panel (ToolsPanel.tsx), in order: each works on the trained network of the
 * labs it lists, through a tool of training/tools. Components load on first use, so the first
 * screen does not pay for them. Add a tab here.
 */
export interface ToolTab {
  id: string;
  /** The tab's label. */
  label: MessageKey;
  /** The labs whose networks it applies to. */
  labs: readonly Modality[];
  Component: LazyExoticComponent<ComponentType>;
}

export const TOOL_TABS: readonly ToolTab[] = [
  { id: 'testSet', label: 'tools.testSet.tab', labs: ['points', 'images', 'sequences', 'ratings'], Component: lazy(() => import('./TestSetTool')) },
  { id: 'transfer', label: 'tools.tab.transfer', labs: ['images'], Component: lazy(() => import('./TransferTool')) },
  { id: 'distill', label: 'distill.tab', labs: ['images'], Component: lazy(() => import('./DistillTool')) },
  { id: 'adversarial', label: 'adv.tab', labs: ['images'], Component: lazy(() => import('./AdversarialTool')) },
  { id: 'compress', label: 'compress.tab', labs: ['points', 'images', 'sequences'], Component: lazy(() => import('./CompressTool')) },
  { id: 'explain', label: 'attr.tab', labs: ['images', 'sequences'], Component: lazy(() => import('./ExplainTool')) },
  { id: 'latent', label: 'latent.tab', labs: ['images'], Component: lazy(() => import('./LatentTool')) },
];
