import { StringDecoder } from 'node:string_decoder';

export interface Line {
  /** 1-based line number in the (decompressed) input. */
  line: number;
  text: string;
}

/**
 * Splits a byte stream into lines. A multi-byte character split across chunks is kept whole, and a
 * final line without a newline is still emitted. `\r\n` endings lose their `\r`.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  for await (const chunk of chunks) {
    const text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      line++;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { line, text: text.slice(start, end) };
      start = nl + 1;
    }
    pending = text.slice(start);
  }
  pending += decoder.end();
  if (pending.length) yield { line: line + 1, text: pending.endsWith('\r') ? pending.slice(0, -1) : pending };
}
