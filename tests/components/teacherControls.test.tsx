// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { decodeLink } from '../../src/models/codec';
import { CATALOG } from '../../src/models/catalog';
import { DRAFT_KEY } from '../../src/lessons/teacher/draft';
import { encodeTeacherFile } from '../../src/lessons/teacher/teacherLesson';
import { defaultExperiment } from '../../src/models/defaults';
import { polyfillShowModal, renderApp, stubReactFlow } from './renderApp';

beforeAll(stubReactFlow);

let modal: ReturnType<typeof polyfillShowModal>;
beforeEach(() => {
  modal = polyfillShowModal();
  window.localStorage.removeItem(DRAFT_KEY);
});
afterEach(() => {
  modal.restore();
  vi.restoreAllMocks();
});

async function openEditor(initial: Parameters<typeof renderApp>[0] = {}) {
  const d = renderApp(initial);
  await d.user.click(screen.getByTestId('tab-graph'));
  await screen.findByTestId('layer-node-input', {}, { timeout: 10_000 });
  return d;
}

describe("the Share dialog's graph-editor rules", () => {
  it('palette types and "students may edit" go into the link', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = within(screen.getByTestId('share-dialog'));
    const policyOf = () => {
      const url = (screen.getByTestId('share-url') as HTMLInputElement).value;
      const decoded = decodeLink(url.slice(url.indexOf('#')));
      if (!decoded.ok) throw new Error(decoded.error.key);
      return decoded.value.editor;
    };
    expect(policyOf()).toBeUndefined();
    // "All" off, then Dense and Dropout on: the palette offers those two.
    await d.user.click(dialog.getByTestId('share-palette-all'));
    expect(policyOf()).toEqual({ palette: [], edit: true });
    await d.user.click(dialog.getByTestId('share-palette-Dropout'));
    await d.user.click(dialog.getByTestId('share-palette-Dense'));
    expect(policyOf()).toEqual({ palette: ['Dense', 'Dropout'], edit: true });
    expect(dialog.getByTestId('share-editor-policy')).toHaveTextContent(`2 of ${Object.keys(CATALOG).length}`);
    await d.user.click(dialog.getByTestId('share-may-edit'));
    expect(policyOf()).toEqual({ palette: ['Dense', 'Dropout'], edit: false });
    // Read-only: the palette's choice is moot, and its boxes are disabled.
    expect(dialog.getByTestId('share-palette-Dense')).toBeDisabled();
    // Editable again with every type: no editor rule in the link.
    await d.user.click(dialog.getByTestId('share-may-edit'));
    await d.user.click(dialog.getByTestId('share-palette-all'));
    expect(policyOf()).toBeUndefined();
  });
});

describe("the student's editor", () => {
  it('offers only the layer types of the link and refuses others', async () => {
    const d = await openEditor({ editorPolicy: { palette: ['Dense', 'Dropout'], edit: true } });
    const palette = within(screen.getByTestId('palette'));
    expect(palette.getAllByRole('button').map((b) => b.dataset.testid)).toEqual(['palette-Dense', 'palette-Dropout']);
    expect(screen.getByTestId('palette-restricted')).toBeInTheDocument();
    const before = d.experiment().network.nodes.length;
    await d.user.click(palette.getByTestId('palette-Dropout'));
    expect(d.experiment().network.nodes.length).toBe(before + 1);
    expect(screen.queryByTestId('editor-locked')).toBeNull();
  });

  it("read-only also takes the playground's network controls away", () => {
    renderApp({ editorPolicy: { palette: null, edit: false } });
    expect(screen.queryByTestId('add-layer')).toBeNull();
    expect(screen.queryByTestId('output-activation')).toBeNull();
  });

  it('an editable link keeps them', () => {
    renderApp({ editorPolicy: { palette: ['Dense'], edit: true } });
    expect(screen.getByTestId('add-layer')).toBeInTheDocument();
  });

  it('read-only: the reason is shown, adding and deleting are refused, the inspector is disabled', async () => {
    const d = await openEditor({ editorPolicy: { palette: null, edit: false } });
    expect(screen.getByTestId('editor-locked')).toHaveTextContent('read-only');
    const before = d.experiment();
    await d.user.click(screen.getByTestId('palette-Dense'));
    expect(d.experiment()).toBe(before);
    expect(screen.getByTestId('editor-status')).toHaveTextContent('Not changed: your teacher made this network read-only.');
    // A drag from the palette is refused at its start.
    const drag = new Event('dragstart', { bubbles: true, cancelable: true });
    Object.assign(drag, { dataTransfer: { setData: vi.fn(), effectAllowed: '' } });
    act(() => {
      screen.getByTestId('palette-Conv2D').dispatchEvent(drag);
    });
    expect(drag.defaultPrevented).toBe(true);
    // Select a layer: its fields are there, disabled; Delete does nothing.
    act(() => {
      fireEvent.click(screen.getByTestId('layer-node-input'));
    });
    await waitFor(() => expect(screen.getByTestId('inspector-locked')).toBeInTheDocument());
    expect(screen.getByTestId('layer-name')).toBeDisabled();
    expect(screen.getByTestId('editor-delete')).toBeDisabled();
    fireEvent.keyDown(screen.getByTestId('graph-canvas'), { key: 'Delete' });
    expect(d.experiment()).toBe(before);
  });
});

describe('the lesson editor', () => {
  it('writes a lesson: live preview, a check parsed live, the current Experiment as setup, then plays it', async () => {
    const d = renderApp();
    await d.user.click(screen.getByTestId('lessons-button'));
    await d.user.click(screen.getByTestId('lesson-write'));
    const editor = within(screen.getByTestId('lesson-editor'));
    await d.user.type(editor.getByTestId('tlesson-title'), 'Watch it learn');
    fireEvent.change(editor.getByTestId('tlesson-text-1'), { target: { value: 'The loss is $L$ and **falls**.' } });
    const preview = editor.getByTestId('tlesson-preview-1');
    expect(preview.querySelector('strong')).toHaveTextContent('falls');
    expect(preview.querySelector('[data-tex="L"]')).not.toBeNull();
    // A half-typed check says what is wrong, and nothing can be saved.
    fireEvent.change(editor.getByTestId('tlesson-check-1'), { target: { value: 'step >' } });
    expect(editor.getByTestId('tlesson-problems-1')).toHaveTextContent(/^Step 1, Check: /);
    expect(editor.getByTestId('tlesson-save')).toBeDisabled();
    fireEvent.change(editor.getByTestId('tlesson-check-1'), { target: { value: 'step > 20' } });
    expect(editor.queryByTestId('tlesson-problems-1')).toBeNull();
    // HTML in the text is refused, naming the step.
    fireEvent.change(editor.getByTestId('tlesson-text-1'), { target: { value: 'Hi <b>there</b>' } });
    expect(editor.getByTestId('tlesson-problems-1')).toHaveTextContent('Step 1, Text: HTML is not allowed');
    fireEvent.change(editor.getByTestId('tlesson-text-1'), { target: { value: 'The loss is $L$ and **falls**.' } });
    await d.user.click(editor.getByTestId('tlesson-capture-1'));
    expect(editor.getByTestId('tlesson-setup-1')).toHaveTextContent('Circle, ');
    await d.user.click(editor.getByTestId('tlesson-add-step'));
    fireEvent.change(editor.getByTestId('tlesson-text-2'), { target: { value: 'Now raise the learning rate.' } });
    expect(editor.getByTestId('tlesson-ready')).toBeInTheDocument();
    // The draft is kept in this browser.
    expect(JSON.parse(window.localStorage.getItem(DRAFT_KEY)!)).toMatchObject({ title: 'Watch it learn', steps: [{ check: 'step > 20' }, { text: 'Now raise the learning rate.' }] });
    await d.user.click(editor.getByTestId('tlesson-make-link'));
    expect((editor.getByTestId('tlesson-link') as HTMLInputElement).value).toMatch(/\?lesson=teacher-[0-9a-f]{8}#l=/);
    await d.user.click(editor.getByTestId('tlesson-try'));
    const panel = screen.getByTestId('lesson-panel');
    expect(panel).toHaveAttribute('data-steps', '2');
    expect(within(panel).getByRole('heading', { name: 'Watch it learn' })).toBeInTheDocument();
    expect(within(panel).getByTestId('teacher-mark')).toBeInTheDocument();
    expect(within(panel).getByTestId('lesson-show-me')).toBeInTheDocument();
    expect(screen.queryByTestId('lesson-editor')).toBeNull();
  });
});

describe("a student opening a teacher's lesson file", () => {
  const file = (text: string) => new File([text], 'lesson.json', { type: 'application/json' });
  const lesson = encodeTeacherFile({ lang: 'zh-CN', title: '学习率', steps: [{ text: '调大**学习率**。', setup: defaultExperiment(), check: 'step > 20' }] });

  it("through the header's Open file: the lesson plays, in the teacher's words", async () => {
    const d = renderApp();
    await d.user.upload(screen.getByTestId('file-input'), file(lesson));
    const panel = await screen.findByTestId('lesson-panel');
    expect(within(panel).getByRole('heading', { name: '学习率' })).toBeInTheDocument();
    expect(within(panel).getByTestId('teacher-mark')).toHaveAttribute('title', 'Written by a teacher, in Chinese');
    expect(screen.queryByTestId('notice')).toBeNull();
  });

  it("a bad one from the lesson map: a notice naming the step and field, the work unchanged", async () => {
    const d = renderApp();
    const before = d.experiment();
    await d.user.click(screen.getByTestId('lessons-button'));
    const bad = lesson.replace('调大**学习率**。', '<script>alert(1)</script>');
    await d.user.upload(screen.getByTestId('lesson-file-input'), file(bad));
    await waitFor(() => expect(screen.getByTestId('notice')).toHaveTextContent('This lesson could not be opened: Step 1, Text: HTML is not allowed (found “<script>”). Your work is unchanged.'));
    expect(d.experiment()).toBe(before);
    expect(screen.queryByTestId('lesson-panel')).toBeNull();
  });
});
