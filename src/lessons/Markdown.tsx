/**
 * The lessons' markdown subset as React elements: paragraphs (a blank line), `- ` lists,
 * `*em*`, `**strong**`, `code`, `$inline$` and `$$display$$` formulas. Lesson text is never
 * handed to the DOM as HTML; only KaTeX builds nodes, for the formulas.
 */

import { useEffect, useRef, type ReactNode } from 'react';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'math'; tex: string; display: boolean }
  | { kind: 'strong' | 'em'; children: Inline[] };

export type Block = { kind: 'p'; inline: Inline[] } | { kind: 'ul'; items: Inline[][] } | { kind: 'math'; tex: string };

// The first that matches at a position wins: display math before inline, strong before em.
const INLINE = /(\$\$[\s\S]+?\$\$)|(\$[^$\n]+?\$)|(`[^`\n]+`)|(\*\*[^*]+?\*\*)|(\*[^*\s][^*]*?\*)/g;

/** Inline markup of one paragraph or list item. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    const s = m[0];
    if (m[1]) out.push({ kind: 'math', tex: s.slice(2, -2).trim(), display: true });
    else if (m[2]) out.push({ kind: 'math', tex: s.slice(1, -1), display: false });
    else if (m[3]) out.push({ kind: 'code', text: s.slice(1, -1) });
    else if (m[4]) out.push({ kind: 'strong', children: parseInline(s.slice(2, -2)) });
    else out.push({ kind: 'em', children: parseInline(s.slice(1, -1)) });
    last = at + s.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Blocks: paragraphs split on blank lines, lists of `- ` lines, a formula alone as a display block. */
export function parseMarkdown(text: string): Block[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '')
    .map((b): Block => {
      const lines = b.split('\n');
      if (lines.every((l) => /^\s*[-*] /.test(l))) return { kind: 'ul', items: lines.map((l) => parseInline(l.replace(/^\s*[-*] /, ''))) };
      if (/^\$\$[\s\S]+\$\$$/.test(b) && b.indexOf('$$', 2) === b.length - 2) return { kind: 'math', tex: b.slice(2, -2).trim() };
      return { kind: 'p', inline: parseInline(lines.join(' ')) };
    });
}

/** One formula: its TeX source as text until KaTeX (loaded on first use) typesets it. */
export function TeX({ tex, display }: { tex: string; display: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let live = true;
    import('./katexRender')
      .then(({ renderTex }) => {
        if (live && ref.current) renderTex(tex, ref.current, display);
      })
      .catch(() => {
        // Offline after an update, or a blocked chunk: the TeX source stays readable.
      });
    return () => {
      live = false;
    };
  }, [tex, display]);
  return (
    <span ref={ref} className={display ? 'tex tex-display' : 'tex'} data-tex={tex}>
      {tex}
    </span>
  );
}

function renderInline(items: Inline[]): ReactNode[] {
  return items.map((item, i) => {
    switch (item.kind) {
      case 'text':
        return item.text;
      case 'code':
        return <code key={i}>{item.text}</code>;
      case 'math':
        return <TeX key={i} tex={item.tex} display={item.display} />;
      case 'strong':
        return <strong key={i}>{renderInline(item.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(item.children)}</em>;
    }
  });
}

/** Render lesson text. */
export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className}>
      {parseMarkdown(text).map((b, i) => {
        if (b.kind === 'ul')
          return (
            <ul key={i}>
              {b.items.map((item, j) => (
                <li key={j}>{renderInline(item)}</li>
              ))}
            </ul>
          );
        if (b.kind === 'math')
          return (
            <div key={i} className="tex-block">
              <TeX tex={b.tex} display />
            </div>
          );
        return <p key={i}>{renderInline(b.inline)}</p>;
      })}
    </div>
  );
}
