/**
 * Fenced blocks (``` lines) found line by line, the way Markdown renders them: a fence opens
 * on a line starting with ``` (after spaces or tabs) and closes on the next such line; an
 * unclosed fence is not a block. Plain string operations only, mirrored by the Python twin.
 */
export interface FencedBlock {
  lang: string;
  body: string;
}

const stripLeft = (s: string): string => {
  let i = 0;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return s.slice(i);
};
export const stripAscii = (s: string, chars = ' \t\r\n'): string => {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a] as string)) a++;
  while (b > a && chars.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
};

export function fencedBlocks(text: string): { blocks: FencedBlock[]; unclosed: boolean } {
  const blocks: FencedBlock[] = [];
  let open: { lang: string; lines: string[] } | null = null;
  for (const line of text.split('\n')) {
    const t = stripLeft(line);
    if (t.startsWith('```')) {
      if (open) {
        blocks.push({ lang: open.lang, body: open.lines.join('\n') });
        open = null;
      } else open = { lang: stripAscii(t.slice(3)).toLowerCase(), lines: [] };
    } else if (open) open.lines.push(line);
  }
  return { blocks, unclosed: open !== null };
}

/** The body of the last ```json block (an unlabelled block whose body is an object counts too), or null. */
export function lastJsonBlock(text: string): string | null {
  let body: string | null = null;
  for (const b of fencedBlocks(text).blocks) {
    const t = stripAscii(b.body);
    if (b.lang === 'json' || (b.lang === '' && t.startsWith('{'))) body = t;
  }
  return body;
}
