/**
 * Splits a Terraform file into its top-level items (blocks and, in .tfvars, attributes) without
 * parsing them. Each item is then parsed on its own: tree-sitter lets one unclosed `"` or `{` run to
 * the end of the file, so parsing per item keeps every other block intact (and is the cache unit).
 *
 * The scanner knows just enough HCL: quoted strings (which never span lines), `${ }` / `%{ }`
 * interpolations, heredocs, comments and bracket depth. Formatting gives two recovery hints: a `}` in
 * column 0 closes the top-level block, and a block keyword in column 0 starts a new one.
 */

export interface Chunk {
  /** Offsets in the file text: from the item's first character to just after its end. */
  start: number;
  end: number;
  /** 0-based line and column of `start`. */
  line: number;
  column: number;
}

const BLOCK_START = /^(resource|data|module|variable|output|locals|provider|terraform|moved|import|check|removed|ephemeral)\b/;

export function splitTopLevel(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const n = text.length;
  let i = 0;
  let line = 0;
  let lineStart = 0;
  /** Current item: start offset, or -1 between items. */
  let start = -1;
  let startLine = 0;
  let startColumn = 0;
  let depth = 0;
  /** Stack of interpolation depths we are inside of (a `}` at that depth returns to the string). */
  const templates: number[] = [];
  let inString = false;

  const close = (end: number) => {
    if (start >= 0) {
      let e = end;
      while (e > start && /\s/.test(text[e - 1])) e--;
      if (e > start) chunks.push({ start, end: e, line: startLine, column: startColumn });
    }
    start = -1;
    depth = 0;
    templates.length = 0;
    inString = false;
  };
  const newline = (at: number) => {
    line++;
    lineStart = at + 1;
  };

  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      // Quoted strings never span lines: an unclosed one ends here.
      if (inString) {
        inString = false;
        templates.length = 0;
      }
      newline(i);
      i++;
      if (start >= 0 && depth === 0 && !inString) close(i - 1);
      else if (start >= 0 && depth > 0) {
        // Recovery: a column-0 `}` or block keyword means the previous block lost a brace.
        const eol = text.indexOf('\n', i);
        const next = text.slice(i, eol < 0 ? n : eol);
        if (BLOCK_START.test(next) && /^\w+(\s+("[^"]*"|[\w-]+))*\s*\{/.test(next)) close(i - 1);
      }
      continue;
    }
    if (inString) {
      if (c === '\\') i += 2;
      else if (c === '"') {
        inString = false;
        i++;
      } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        if (text[i - 1] === c) {
          i += 2; // `$${` and `%%{` are escapes
        } else {
          templates.push(depth);
          depth++;
          inString = false;
          i += 2;
        }
      } else i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      const stop = e < 0 ? n : e + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') newline(k);
      i = stop;
      continue;
    }
    if (start < 0) {
      start = i;
      startLine = line;
      startColumn = i - lineStart;
    }
    if (c === '"') {
      inString = true;
      i++;
    } else if (c === '<' && text[i + 1] === '<' && /^<<-?[A-Za-z_][\w-]*\s*\n/.test(text.slice(i, i + 80))) {
      i = skipHeredoc(text, i, (k) => newline(k));
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
      i++;
    } else if (c === '}' || c === ']' || c === ')') {
      if (c === '}' && templates.length && templates[templates.length - 1] === depth - 1) {
        templates.pop();
        depth--;
        inString = true;
      } else if (c === '}' && i === lineStart && depth > 1) {
        depth = 0; // Recovery: a column-0 `}` closes the top-level block.
      } else depth = Math.max(0, depth - 1);
      i++;
    } else i++;
  }
  close(n);
  return chunks;
}

/** Skips `<<EOF ... EOF` (or `<<-EOF`, whose end marker may be indented); returns the offset after it. */
function skipHeredoc(text: string, at: number, onNewline: (offset: number) => void): number {
  const m = /^<<-?([A-Za-z_][\w-]*)/.exec(text.slice(at, at + 80))!;
  const marker = m[1];
  let i = text.indexOf('\n', at);
  while (i >= 0) {
    onNewline(i);
    const next = text.indexOf('\n', i + 1);
    const lineText = text.slice(i + 1, next < 0 ? text.length : next).replace(/\r$/, '');
    if (lineText.trim() === marker) return next < 0 ? text.length : next;
    i = next;
  }
  return text.length;
}
