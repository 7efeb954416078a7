// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import ImageExplain from '../../src/panels/tools/ImageExplain';
import TokenAttribution from '../../src/panels/tools/TokenAttribution';
import { LocaleContext } from '../../src/i18n';
import { createAppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import { IDLE_TOOL } from '../../src/store/toolsSlice';
import { openTemplate } from '../../src/models/openTemplate';
import { templateById } from '../../src/models/templates';
import { applyChange } from '../../src/models/edits';
import { defaultExperiment } from '../../src/models/defaults';
import type { ExplainResult, TokenAttributionResult } from '../../src/training/tools/explainTypes';
import type { ToolRequest } from '../../src/training/tools/types';
import { recordCanvasPuts } from './canvasStub';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function mount(node: React.ReactNode, kind: 'shapes' | 'lstm', locale: 'en' | 'zh-CN' = 'en') {
  const store = createAppStore({ locale });
  const exp = kind === 'lstm' ? openTemplate(defaultExperiment(), templateById('lstm')!) : applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes' } });
  store.setState({ experiment: exp });
  const sent: ToolRequest[] = [];
  store.setState({ runTool: (r: ToolRequest) => (sent.push(r), 1) });
  render(
    <LocaleContext.Provider value={locale}>
      <StoreContext.Provider value={store}>{node}</StoreContext.Provider>
    </LocaleContext.Provider>,
  );
  return { store, sent };
}

const image = (n: number) => Float32Array.from({ length: n * n }, (_, i) => (i % n > n / 2 ? 1 : 0));

describe('the explanations tab (image lab)', () => {
  it('asks for the chosen method on the lab’s probe, and paints the image, the map and the overlay with the numbers in the caption', () => {
    const puts = recordCanvasPuts();
    const { store, sent } = mount(<ImageExplain />, 'shapes');
    store.setState({ view: { ...store.getState().view, probeIndex: 4 } });
    fireEvent.change(screen.getByTestId('attr-method'), { target: { value: '2' } }); // integratedGradients
    fireEvent.change(screen.getByTestId('attr-steps'), { target: { value: '2' } }); // 32
    fireEvent.click(screen.getByTestId('attr-run'));
    expect(sent).toEqual([{ tool: 'explain', method: 'integratedGradients', source: { kind: 'test', index: 4 }, classIndex: undefined, layerId: undefined, params: { steps: 32 } }]);
    const heat = Float32Array.from({ length: 64 }, (_, i) => (i % 8 > 4 ? (i % 3) - 1 : 0));
    const result: ExplainResult = {
      tool: 'explain', method: 'integratedGradients', heat, height: 8, width: 8, image: image(8), testIndex: 4, label: 1, classIndex: 1, predicted: 1,
      probabilities: Float32Array.from([0.1, 0.7, 0.1, 0.1]), score: 'logit', scoreValue: 3, baselineScore: 1, attributionSum: heat.reduce((a, b) => a + b, 0),
      layerId: null, layers: ['conv1'], ms: 12.5, step: 40,
    };
    act(() => store.setState({ tools: { explain: { ...IDLE_TOOL, status: 'ready', result } } }));
    expect(puts.map((p) => p.canvas.dataset.testid)).toEqual(expect.arrayContaining(['attr-image', 'attr-map', 'attr-overlay']));
    const map = puts.filter((p) => p.canvas.dataset.testid === 'attr-map').pop()!.image.data;
    // Positive, negative and zero values get three different colours.
    const colours = new Set<number>();
    for (let i = 0; i < map.length; i += 4) colours.add((map[i] << 16) | (map[i + 1] << 8) | map[i + 2]);
    expect(colours.size).toBe(3);
    const caption = screen.getByTestId('attr-caption').textContent!;
    expect(caption).toContain('Integrated Gradients for class square on test image #5');
    expect(caption).toMatch(/Completeness: the attributions sum to .*; score − black image’s score = 2/);
    expect(screen.getByTestId('attr-ink').textContent).toContain('100.0 %');
    expect(screen.getByTestId('attr-map').getAttribute('aria-label')).toMatch(/Integrated Gradients map, 8 by 8: values from −1 to 1/);
  });

  it('says why a Grad-CAM map is zero everywhere, in Chinese too', () => {
    recordCanvasPuts();
    const { store } = mount(<ImageExplain />, 'shapes', 'zh-CN');
    const result: ExplainResult = {
      tool: 'explain', method: 'gradCam', heat: new Float32Array(64), height: 8, width: 8, image: image(8), testIndex: -1, label: -1, classIndex: 0, predicted: 0,
      probabilities: Float32Array.from([0.9, 0.1, 0, 0]), score: 'logit', scoreValue: 2, baselineScore: null, attributionSum: null, layerId: 'pool2', layers: ['conv1', 'pool2'], ms: 3, step: 9,
    };
    act(() => store.setState({ tools: { explain: { ...IDLE_TOOL, status: 'ready', result } } }));
    expect(screen.getByTestId('attr-all-zero').textContent).toContain('处处为零');
    expect(screen.getByTestId('attr-caption').textContent).toContain('你的手写图');
  });
});

describe('the explanations tab (sequence lab)', () => {
  it('colours each token by its value, leaves an unknown word dashed, and lists every value for screen readers', () => {
    const { store, sent } = mount(<TokenAttribution />, 'lstm');
    fireEvent.change(screen.getByTestId('attr-sentence'), { target: { value: 'so great zebra' } });
    fireEvent.click(screen.getByTestId('attr-tokens-run'));
    expect(sent).toEqual([{ tool: 'tokenAttribution', source: { kind: 'text', text: 'so great zebra' } }]);
    const result: TokenAttributionResult = {
      tool: 'tokenAttribution', tokens: ['so', 'great', 'zebra'], values: [-0.5, 2, null], missing: [null, null, 'unknown'], classIndex: 1, predicted: 1,
      probabilities: Float32Array.from([0.2, 0.8]), scoreValue: 1.5, padSum: 0.1, ms: 4, step: 60,
    };
    act(() => store.setState({ tools: { tokenAttribution: { ...IDLE_TOOL, status: 'ready', result } } }));
    const tokens = screen.getAllByTestId('attr-token');
    expect(tokens.map((t) => t.textContent)).toEqual(['so', 'great', 'zebra']);
    expect(tokens[0].style.background).not.toBe(tokens[1].style.background);
    expect(tokens[2].className).toContain('missing');
    expect(tokens[1].title).toBe('great: 2');
    expect(screen.getByText('zebra: not in the vocabulary, left out')).toBeTruthy();
    expect(screen.getByTestId('attr-tokens-caption').textContent).toContain('The network says positive (80.0 %)');
  });

  it('explains itself away outside the sentiment task', () => {
    const { store } = mount(<TokenAttribution />, 'lstm');
    act(() => store.setState({ experiment: applyChange(store.getState().experiment, { type: 'dataset', patch: { kind: 'sine' } }) }));
    expect(screen.getByText(/Token attribution works on the sentiment task/)).toBeTruthy();
  });
});
