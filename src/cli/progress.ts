/** A one-line progress display on a TTY; silent when output is piped (CI, files). */
export class Progress {
  private last = 0;
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private readonly total?: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(done: number, extra = ''): void {
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    let bar = '';
    if (this.total) {
      const frac = Math.min(1, done / this.total);
      const width = 30;
      bar = `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ${(frac * 100).toFixed(0)}% `;
    }
    this.stream.write(
      `\r${this.label} ${bar}${done}${this.total ? `/${this.total}` : ''} ${extra}`.padEnd(79),
    );
  }

  done(): void {
    if (this.tty) this.stream.write('\r'.padEnd(80) + '\r');
  }
}
