/**
 * KaTeX and its stylesheet, loaded on the first formula (a dynamic import keeps them out of the
 * first page). `render` builds DOM nodes and sets their styles through the CSSOM, which the
 * page's CSP (style-src 'self', no inline style attributes) allows; an HTML string would not.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** Typeset `tex` into `el`. A formula KaTeX cannot read is shown in red, never thrown. */
export function renderTex(tex: string, el: HTMLElement, display: boolean): void {
  katex.render(tex, el, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' });
}
