// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { DRAFT_KEY } from '../../src/lessons/teacher/draft';
import { polyfillShowModal, renderApp } from './renderApp';

/** The three places a learner or teacher types a condition show why it does not parse in Chinese. */
let modal: ReturnType<typeof polyfillShowModal>;
beforeEach(() => {
  modal = polyfillShowModal();
  window.localStorage.removeItem(DRAFT_KEY);
});
afterEach(() => modal.restore());

const noEnglish = (text: string | null) => {
  // Fact names and operators stay as typed; the sentence around them is Chinese.
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text).not.toMatch(/unknown|unexpected|expected|too early|compare|needs|character/);
};

describe('condition parse errors in the Chinese UI', () => {
  it('the stop rule says what is wrong in Chinese, with the position', async () => {
    const d = renderApp({ locale: 'zh-CN' });
    const field = await screen.findByTestId('stop-when');
    await d.user.type(field, 'testAcc >=');
    const status = document.getElementById('stop-when-status');
    expect(status).toHaveTextContent('条件还不完整：条件还没写完就结束了（第 11 个字符处）');
    noEnglish(status!.textContent);
  });

  it('the lesson editor shows the check’s error in Chinese, naming the step and the position', async () => {
    const d = renderApp({ locale: 'zh-CN' });
    await d.user.click(screen.getByTestId('lessons-button'));
    await d.user.click(screen.getByTestId('lesson-write'));
    const editor = within(screen.getByTestId('lesson-editor'));
    fireEvent.change(editor.getByTestId('tlesson-check-1'), { target: { value: 'step > 20 and accuracy > 0.9' } });
    const problems = editor.getByTestId('tlesson-problems-1');
    expect(problems).toHaveTextContent('没有名为“accuracy”的量（第 15 个字符处）');
    noEnglish(problems.textContent);
    fireEvent.change(editor.getByTestId('tlesson-check-1'), { target: { value: "dataset > 'xor'" } });
    expect(editor.getByTestId('tlesson-problems-1')).toHaveTextContent('“>”只能比较数值，这里却是字符串');
  });

  it('the challenge editor shows the goal’s error in Chinese', async () => {
    const d = renderApp({ locale: 'zh-CN' });
    await d.user.click(screen.getByTestId('share'));
    const section = within(screen.getByTestId('share-challenge'));
    await d.user.type(section.getByTestId('challenge-goal-input'), '(testLoss < 0.2');
    const status = section.getByTestId('challenge-goal-status');
    expect(status).toHaveTextContent('左括号“(”没有闭合：请补上“)”（第 16 个字符处）');
    noEnglish(status.textContent);
  });
});
