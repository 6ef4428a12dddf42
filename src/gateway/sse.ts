const MAX_EVENT_CHARS = 4 * 1024 * 1024;

/**
 * Incremental server-sent-events parser: fed decoded text as it arrives, calls back once per
 * complete event with its data and (optional) event name. Bounded, so a stream without blank
 * lines cannot grow memory without limit.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private dataChars = 0;
  private event: string | undefined;

  constructor(private readonly onEvent: (data: string, event: string | undefined) => void) {}

  feed(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      let line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.line(line);
    }
    if (this.buffer.length > MAX_EVENT_CHARS) this.buffer = '';
  }

  end(): void {
    if (this.buffer) this.line(this.buffer);
    this.buffer = '';
    this.line('');
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length) this.onEvent(this.data.join('\n'), this.event);
      this.data = [];
      this.dataChars = 0;
      this.event = undefined;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') {
      this.data.push(value);
      // A running total (one char per line for the joining newline): summing the array on every
      // line made an event of many data lines quadratic, and empty lines were never bounded.
      this.dataChars += value.length + 1;
      if (this.dataChars > MAX_EVENT_CHARS) {
        this.data = [];
        this.dataChars = 0;
      }
    } else if (field === 'event') this.event = value;
  }
}
