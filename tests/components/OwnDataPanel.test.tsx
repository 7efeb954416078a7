// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from './renderApp';

const FLOWERS = readFileSync('public/examples/flowers.csv', 'utf8');
const TEA = readFileSync('public/examples/tea.csv', 'utf8');

/** Choose a file in the hidden input, as the Open button's dialog would. */
function choose(name: string, text: string) {
  const input = screen.getByTestId('csv-input') as HTMLInputElement;
  const file = new File([text], name, { type: 'text/csv' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('OwnDataPanel', () => {
  it('a chosen CSV shows its preview, columns, label and classes, and the diagram takes its columns', async () => {
    const d = renderApp();
    choose('flowers.csv', FLOWERS);
    await screen.findByTestId('table-details');
    expect(screen.getByTestId('table-summary')).toHaveTextContent('flowers.csv: 150 rows, 5 columns');
    const preview = screen.getByTestId('table-preview');
    expect(within(preview).getAllByRole('row')).toHaveLength(6);
    expect(within(preview).getAllByRole('columnheader')[4]).toHaveTextContent('species');
    expect(screen.getByTestId('table-classes')).toHaveTextContent('Classes: setosa, versicolor, virginica');
    expect((screen.getByTestId('table-label') as HTMLSelectElement).selectedOptions[0].textContent).toBe('species');
    expect(screen.getByTestId('features-off')).toBeInTheDocument();
    expect(screen.queryByTestId('feature-x1Sq')).toBeNull();
    expect(screen.queryByTestId('noise')).toBeNull();
    expect(d.dataset()).toMatchObject({ kind: 'table', table: { classes: 3, width: 4 } });
    // Regression on petal width instead: the label select, then the task follows.
    fireEvent.change(screen.getByTestId('table-label'), { target: { value: '3' } });
    expect(d.dataset().table).toMatchObject({ label: 3, task: 'regress' });
    expect((screen.getByTestId('table-task') as HTMLSelectElement).selectedOptions[0].textContent).toBe('Regression');
  });

  it('Chinese headers, a category one-hot encoded and rows with a missing value reported', async () => {
    renderApp({ locale: 'zh-CN' });
    const lines = TEA.split('\n');
    lines[3] = lines[3].replace(/^\d+/, 'NA');
    choose('茶.csv', lines.join('\n'));
    await screen.findByTestId('table-details');
    expect(screen.getByTestId('table-summary')).toHaveTextContent('茶.csv：240 行，4 列');
    expect(screen.getByTestId('table-skipped')).toHaveTextContent('有 1 行因缺失值被跳过（第 4 行）');
    expect(screen.getByText('3 个类别')).toBeInTheDocument();
    const x = screen.getByTestId('table-axis-x') as HTMLSelectElement;
    expect([...x.options].map((o) => o.textContent)).toContain('茶类=绿茶');
  });

  it('a broken file keeps the current work and the notice says why', async () => {
    const d = renderApp();
    const before = d.store.getState().experiment;
    choose('ragged.csv', 'a,b,c\n1,2,3\n4,5\n');
    await waitFor(() => expect(screen.getByTestId('notice')).toHaveTextContent('Could not use ragged.csv: Line 3 has 2 values, but the header has 3 columns. Your current work is unchanged.'));
    expect(d.store.getState().experiment).toBe(before);
    expect(screen.queryByTestId('table-details')).toBeNull();
  });

  it('points by hand: the tools choose the class, Clear empties the plane', async () => {
    const d = renderApp();
    await d.user.click(screen.getByTestId('dataset-hand'));
    expect(d.dataset().kind).toBe('hand');
    expect(d.dataset().hand).toHaveLength(6);
    expect(screen.getByTestId('hand-count')).toHaveTextContent('2 of 500 points');
    await d.user.click(screen.getByTestId('hand-tool-1'));
    expect(d.store.getState().handTool).toBe(1);
    expect(screen.getByTestId('hand-tool-1')).toHaveAttribute('aria-checked', 'true');
    await d.user.click(screen.getByTestId('hand-clear'));
    expect(d.dataset().hand).toEqual([]);
    expect(screen.getByTestId('hand-layer')).toBeInTheDocument();
  });
});
