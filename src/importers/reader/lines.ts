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
  // Pieces of a line still without its newline. Each chunk is searched once: re-searching a
  // growing `pending + chunk` made one long line quadratic (12 s for a 32 MB line).
  let pending: string[] = [];
  let line = 0;
  const take = (piece: string): string => {
    const whole = pending.length ? pending.join('') + piece : piece;
    pending = [];
    return whole.endsWith('\r') ? whole.slice(0, -1) : whole;
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      line++;
      yield { line, text: take(text.slice(start, nl)) };
      start = nl + 1;
    }
    if (start < text.length) pending.push(text.slice(start));
  }
  const rest = decoder.end();
  if (rest) pending.push(rest);
  if (pending.length) yield { line: line + 1, text: take('') };
}
