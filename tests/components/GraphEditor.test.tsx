// @vitest-environment jsdom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { analyze } from '../../src/models/analysis';
import { CATALOG, formatShape, layerDef } from '../../src/models/catalog';
import { defaultExperiment } from '../../src/models/defaults';
import type { Experiment, LayerNode } from '../../src/models/spec';
import { LAYER_MIME } from '../../src/editor/GraphEditor';
import { renderApp, stubReactFlow } from './renderApp';

beforeAll(stubReactFlow);

function withNodes(nodes: LayerNode[]): Experiment {
  return { ...defaultExperiment(), network: { nodes } };
}

async function openEditor(exp?: Experiment) {
  const d = renderApp(exp ? { experiment: exp } : {});
  await d.user.click(screen.getByTestId('tab-graph'));
  await screen.findByTestId('layer-node-input', {}, { timeout: 10_000 });
  return d;
}

const nodeEl = (id: string) => screen.getByTestId(`layer-node-${id}`);

/**
 * Select a node as a click does. A plain click event: user-event's mousedown has no `view`, which
 * d3-drag (React Flow's dragging) needs; React Flow selects on click anyway.
 */
async function selectNode(_user: unknown, id: string) {
  act(() => {
    fireEvent.click(nodeEl(id));
  });
  await waitFor(() => expect(screen.getByTestId('layer-name')).toHaveValue(id));
}

describe('GraphEditor', () => {
  it('switches between the playground and the editor, keeping both mounted', async () => {
    const { user } = renderApp();
    expect(screen.getByTestId('tab-playground')).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByTestId('graph-canvas')).toBeNull();
    await user.click(screen.getByTestId('tab-graph'));
    expect(screen.getByTestId('tab-graph')).toHaveAttribute('aria-selected', 'true');
    // The editor is a lazy chunk: its first import (transformed on demand here) can take over a second.
    expect(await screen.findByTestId('graph-canvas', {}, { timeout: 10_000 })).toBeVisible();
    expect(document.querySelector('.network-panel')).not.toBeVisible();
    await user.click(screen.getByTestId('tab-playground'));
    expect(document.querySelector('.network-panel')).toBeVisible();
    // The editor stays mounted, hidden.
    expect(screen.getByTestId('graph-canvas')).not.toBeVisible();
  });

  it('renders one node per spec node with its shape and parameter count, and the totals', async () => {
    const { store } = await openEditor();
    const spec = store.getState().experiment.network;
    const a = analyze(spec);
    expect(document.querySelectorAll('.react-flow__node')).toHaveLength(spec.nodes.length);
    for (const n of spec.nodes) {
      expect(screen.getByTestId(`node-shape-${n.id}`)).toHaveTextContent(formatShape(a.nodes[n.id].shape!));
      expect(screen.getByTestId(`node-params-${n.id}`)).toHaveTextContent(`${a.nodes[n.id].params} params`);
    }
    // 2-4-2-1: (2·4+4) + (4·2+2) + (2·1+1) = 25
    expect(screen.getByTestId('total-params')).toHaveTextContent('Parameters: 25');
    expect(screen.getByTestId('total-macs')).toHaveTextContent('~18');
    expect(screen.getByTestId('total-memory')).toHaveTextContent('100 B');
  });

  it('draws an edge for every input', async () => {
    const { store } = await openEditor();
    const inputs = store.getState().experiment.network.nodes.reduce((s, n) => s + n.inputs.length, 0);
    expect(document.querySelectorAll('.react-flow__edge')).toHaveLength(inputs);
  });

  it('shows the error on a node that cannot work (a Dense with a missing input)', async () => {
    await openEditor(
      withNodes([
        { id: 'input', type: 'Input', params: { shape: [2] }, inputs: [] },
        { id: 'lost', type: 'Dense', params: { units: 3 }, inputs: ['ghost'] },
      ]),
    );
    expect(within(nodeEl('lost')).getByTestId('node-error-lost')).toHaveTextContent('This layer takes its input from “ghost”, which does not exist.');
    expect(nodeEl('lost')).toHaveClass('has-error');
    expect(nodeEl('input')).not.toHaveClass('has-error');
  });

  it.skipIf(!layerDef('Conv2D'))('marks a Conv2D fed by a flat Dense output', async () => {
    await openEditor(
      withNodes([
        { id: 'input', type: 'Input', params: { shape: [2] }, inputs: [] },
        { id: 'd', type: 'Dense', params: { units: 3 }, inputs: ['input'] },
        { id: 'c', type: 'Conv2D', params: {}, inputs: ['d'] },
      ]),
    );
    expect(nodeEl('c')).toHaveClass('has-error');
    expect(screen.getByTestId('node-error-c').textContent!.length).toBeGreaterThan(5);
  });

  it('lists every catalog type in the palette, grouped by family', async () => {
    await openEditor();
    const palette = within(screen.getByTestId('palette'));
    for (const type of Object.keys(CATALOG)) expect(palette.getByTestId(`palette-${type}`)).toBeInTheDocument();
    expect(palette.getByRole('group', { name: 'Core' })).toBeInTheDocument();
    expect(palette.getAllByRole('button').length).toBe(Object.keys(CATALOG).length);
  });

  it('clicking a palette item inserts a layer after the selected one, between it and what it fed', async () => {
    const { user, store } = await openEditor();
    await selectNode(user, 'h2');
    await user.click(screen.getByTestId('palette-Dropout'));
    const nodes = store.getState().experiment.network.nodes;
    const added = nodes.at(-1)!;
    expect(added).toMatchObject({ id: 'dropout_1', type: 'Dropout', inputs: ['h2'] });
    // h2 fed the output: the output now takes the dropout, so nothing hangs off h2 as a branch.
    const fedByH2 = nodes.filter((n) => n.inputs.includes('h2')).map((n) => n.id);
    expect(fedByH2).toEqual(['dropout_1']);
    expect(screen.getByTestId('editor-status')).toHaveTextContent(/Inserted “dropout_1” between “h2” and “\w+”/);
    expect(await screen.findByTestId('layer-node-dropout_1')).toBeInTheDocument();
    expect(screen.getByTestId('node-shape-dropout_1')).toHaveTextContent('2');
    // The new layer is selected, so the inspector shows it.
    expect(within(screen.getByTestId('inspector')).getByTestId('layer-name')).toHaveValue('dropout_1');
    // One undo step removes it again.
    act(() => store.getState().undo());
    expect(screen.queryByTestId('layer-node-dropout_1')).toBeNull();
  });

  it('dropping a palette item on the canvas adds that layer where it was dropped', async () => {
    const { store } = await openEditor();
    const data = new Map([[LAYER_MIME, 'Activation']]);
    const dataTransfer = { types: [...data.keys()], getData: (k: string) => data.get(k) ?? '', dropEffect: 'none' };
    const canvas = screen.getByTestId('graph-canvas');
    fireEvent.dragOver(canvas, { dataTransfer });
    fireEvent.drop(canvas, { dataTransfer, clientX: 50, clientY: 60 });
    const spec = store.getState().experiment.network;
    expect(spec.nodes.at(-1)).toMatchObject({ id: 'activation_1', type: 'Activation', inputs: [] });
    expect(spec.layout?.activation_1).toBeDefined();
    expect(await screen.findByTestId('layer-node-activation_1')).toHaveClass('has-error');
  });

  it('a finger drags a palette item onto the canvas (Pointer Events); a tap appends one; neither adds twice', async () => {
    const { store } = await openEditor();
    const canvas = screen.getByTestId('graph-canvas');
    // jsdom lays nothing out (and has no elementFromPoint): whatever lies under the finger is the canvas.
    const under = vi.fn((_x: number, _y: number): Element | null => canvas);
    document.elementFromPoint = under;
    const item = screen.getByTestId('palette-Activation');
    const count = () => store.getState().experiment.network.nodes.length;
    const before = count();
    const touch = { pointerId: 7, pointerType: 'touch', isPrimary: true };
    fireEvent.pointerDown(item, { ...touch, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(item, { ...touch, clientX: 14, clientY: 12 });
    expect(screen.queryByTestId('palette-ghost')).toBeNull();
    fireEvent.pointerMove(item, { ...touch, clientX: 120, clientY: 90 });
    expect(screen.getByTestId('palette-ghost')).toHaveTextContent('Activation');
    fireEvent.pointerUp(item, { ...touch, clientX: 200, clientY: 150 });
    fireEvent.click(item);
    expect(count()).toBe(before + 1);
    expect(store.getState().experiment.network.nodes.at(-1)).toMatchObject({ type: 'Activation', inputs: [] });
    expect(screen.queryByTestId('palette-ghost')).toBeNull();
    expect(under).toHaveBeenCalledWith(200, 150);

    // A tap (no move past the threshold) appends after the selection, once, click or no click.
    fireEvent.pointerDown(item, { ...touch, pointerId: 8, clientX: 10, clientY: 10 });
    fireEvent.pointerUp(item, { ...touch, pointerId: 8, clientX: 12, clientY: 11 });
    fireEvent.click(item);
    expect(count()).toBe(before + 2);
    // A cancelled drag (the browser took the gesture to scroll) adds nothing.
    fireEvent.pointerDown(item, { ...touch, pointerId: 9, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(item, { ...touch, pointerId: 9, clientX: 80, clientY: 10 });
    fireEvent.pointerCancel(item, { ...touch, pointerId: 9 });
    expect(count()).toBe(before + 2);
    delete (document as { elementFromPoint?: unknown }).elementFromPoint;
  });

  it('the inspector edits units, and the node shape follows', async () => {
    const { user, store } = await openEditor();
    await selectNode(user, 'h1');
    const units = screen.getByLabelText('Units');
    await user.clear(units);
    await user.type(units, '7{Enter}');
    expect(store.getState().experiment.network.nodes.find((n) => n.id === 'h1')!.params.units).toBe(7);
    expect(screen.getByTestId('node-shape-h1')).toHaveTextContent('7');
    // 2·7+7 = 21 params on h1
    expect(screen.getByTestId('node-params-h1')).toHaveTextContent('21 params');
  });

  it('the inspector renames a layer: connections follow, the selection stays, one undo step', async () => {
    const { user, store } = await openEditor();
    await selectNode(user, 'h1');
    const name = screen.getByTestId('layer-name');
    await user.clear(name);
    await user.type(name, 'hidden-a{Enter}');
    const nodes = store.getState().experiment.network.nodes;
    expect(nodes.some((n) => n.id === 'h1')).toBe(false);
    expect(nodes.find((n) => n.id === 'h2')!.inputs).toEqual(['hidden-a']);
    expect(await screen.findByTestId('layer-node-hidden-a')).toBeInTheDocument();
    expect(screen.getByTestId('layer-name')).toHaveValue('hidden-a');
    act(() => store.getState().undo());
    expect(store.getState().experiment.network.nodes.find((n) => n.id === 'h2')!.inputs).toEqual(['h1']);
  });

  it.each([
    ['卷积1', 'cannot name a layer'],
    ['constructor', 'JavaScript reserves'],
    ['h2', 'already called'],
  ])('the inspector refuses the name %s and says why', async (bad, why) => {
    const { user, store } = await openEditor();
    await selectNode(user, 'h1');
    const before = store.getState().experiment;
    const name = screen.getByTestId('layer-name');
    await user.clear(name);
    await user.type(name, `${bad}{Enter}`);
    expect(screen.getByTestId('layer-name-error')).toHaveTextContent(why);
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(store.getState().experiment).toBe(before);
  });

  it('invalid inspector input shows the error and leaves the spec alone', async () => {
    const { user, store } = await openEditor();
    await selectNode(user, 'h1');
    const before = store.getState().experiment;
    const units = screen.getByLabelText('Units');
    await user.clear(units);
    await user.type(units, '5000');
    await user.tab();
    expect(screen.getByTestId('param-error-units')).toHaveTextContent('“units” must be between 1 and 1024.');
    expect(units).toHaveAttribute('aria-invalid', 'true');
    expect(store.getState().experiment).toBe(before);
    expect(screen.getByTestId('node-shape-h1')).toHaveTextContent('4');
  });

  it('labels fields and option values in Chinese, with the code name beside a label that differs', async () => {
    const d = await openEditor();
    act(() => d.store.getState().setLocale('zh-CN'));
    d.apply({ type: 'graph', change: { type: 'addNode', nodeType: 'Conv2D', id: 'conv' } });
    await selectNode(d.user, 'conv');
    const inspector = within(screen.getByTestId('inspector'));
    expect(inspector.getByLabelText('卷积核大小 kernelSize')).toBeInTheDocument();
    expect(inspector.getByLabelText('步幅 strides')).toBeInTheDocument();
    expect(inspector.getByRole('option', { name: 'same（填充以保持大小）' })).toHaveValue('same');
    // In English the label says what the code says: no second name.
    act(() => d.store.getState().setLocale('en'));
    expect(inspector.getByLabelText('Kernel size')).toBeInTheDocument();
    expect(inspector.getByRole('option', { name: 'valid (no padding)' })).toHaveValue('valid');
  });

  it('edits enums and booleans from the schema', async () => {
    const { user, store } = await openEditor();
    await selectNode(user, 'h1');
    await user.selectOptions(within(screen.getByTestId('inspector')).getByLabelText('Activation'), 'relu');
    await user.click(within(screen.getByTestId('inspector')).getByLabelText('Use bias'));
    expect(store.getState().experiment.network.nodes.find((n) => n.id === 'h1')!.params).toMatchObject({ activation: 'relu', useBias: false });
    // Activation options are translated.
    expect(within(screen.getByTestId('inspector')).getByRole('option', { name: 'ReLU' })).toHaveValue('relu');
  });

  it('Delete removes the selected node, and undo brings it back', async () => {
    const { user, store } = await openEditor();
    await selectNode(user, 'h2');
    fireEvent.keyDown(nodeEl('h2'), { key: 'Delete' });
    expect(store.getState().experiment.network.nodes.map((n) => n.id)).toEqual(['input', 'h1', 'output']);
    expect(screen.queryByTestId('layer-node-h2')).toBeNull();
    expect(store.getState().experiment.network.nodes.find((n) => n.id === 'output')!.inputs).toEqual([]);
    // The app's global Ctrl+Z undoes through the store.
    await user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByTestId('layer-node-h2')).toBeInTheDocument();
    expect(store.getState().experiment.network.nodes.find((n) => n.id === 'output')!.inputs).toEqual(['h2']);
  });

  it('Ctrl+D duplicates and Ctrl+C / Ctrl+V copy and paste', async () => {
    const { user, store } = await openEditor();
    await selectNode(user, 'h1');
    fireEvent.keyDown(nodeEl('h1'), { key: 'd', ctrlKey: true });
    expect(store.getState().experiment.network.nodes.at(-1)).toMatchObject({ id: 'dense_1', type: 'Dense', inputs: [] });
    fireEvent.keyDown(nodeEl('h1'), { key: 'c', ctrlKey: true });
    fireEvent.keyDown(nodeEl('h1'), { key: 'v', ctrlKey: true });
    expect(store.getState().experiment.network.nodes.map((n) => n.id)).toContain('dense_2');
    expect(await screen.findByTestId('layer-node-dense_2')).toBeInTheDocument();
  });

  it('toolbar buttons have names; tidy writes a layout for every node in one undo step', async () => {
    const { user, store } = await openEditor();
    for (const name of ['Zoom in', 'Zoom out', 'Fit to view']) expect(screen.getByRole('button', { name })).toBeInTheDocument();
    const past = store.getState().past.length;
    await user.click(screen.getByRole('button', { name: 'Tidy layout' }));
    const spec = store.getState().experiment.network;
    expect(Object.keys(spec.layout ?? {}).sort()).toEqual(spec.nodes.map((n) => n.id).sort());
    expect(store.getState().past.length).toBe(past + 1);
    // Positions alone do not change the model.
    expect(spec.nodes).toEqual(defaultExperiment().network.nodes);
  });

  it('delete and duplicate buttons act on the selection', async () => {
    const { user, store } = await openEditor();
    expect(screen.getByTestId('editor-delete')).toBeDisabled();
    await selectNode(user, 'h1');
    await user.click(screen.getByTestId('editor-duplicate'));
    expect(store.getState().experiment.network.nodes).toHaveLength(5);
    // The copy is selected now; delete it.
    await user.click(screen.getByTestId('editor-delete'));
    expect(store.getState().experiment.network.nodes).toHaveLength(4);
  });

  it('wires inputs from the inspector, with the keyboard alone: only valid sources are offered', async () => {
    const d = await openEditor();
    d.apply({ type: 'graph', change: { type: 'addNode', nodeType: 'Add', id: 'sum' } });
    await selectNode(d.user, 'sum');
    const add = screen.getByTestId('inspector-add-input') as HTMLSelectElement;
    const offered = [...add.options].map((o) => o.value).filter(Boolean);
    expect(offered).toEqual(['input', 'h1', 'h2', 'output']);
    await d.user.selectOptions(add, 'h1');
    await d.user.selectOptions(screen.getByTestId('inspector-add-input'), 'h2');
    expect(d.experiment().network.nodes.find((n) => n.id === 'sum')?.inputs).toEqual(['h1', 'h2']);
    // The first slot can be rewired; h2 is taken by the second slot, so it is not offered again.
    const slot1 = screen.getByRole('combobox', { name: 'Input 1' }) as HTMLSelectElement;
    expect([...slot1.options].map((o) => o.value)).not.toContain('h2');
    // h1 feeds h2, which feeds output: making h1 take 'output' would be a loop, so it is not offered.
    await selectNode(d.user, 'h1');
    const h1Slot = screen.getByRole('combobox', { name: 'Input 1' }) as HTMLSelectElement;
    expect([...h1Slot.options].map((o) => o.value)).not.toContain('output');
    await d.user.click(screen.getByRole('button', { name: 'Disconnect input' }));
    expect(d.experiment().network.nodes.find((n) => n.id === 'h1')?.inputs).toEqual([]);
  });
});
