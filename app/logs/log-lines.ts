/**
 * Docker's multiplexed log stream (a container without a TTY): frames of an 8-byte header
 * (stream type, 3 zero bytes, 4-byte big-endian size) and the payload. Feeds arbitrary chunks,
 * returns the complete text lines so far; `flush()` returns a last line without newline.
 */
export class LogLineSplitter {
  private pending = Buffer.alloc(0);
  private partial = '';
  private raw: boolean | undefined;

  push(chunk: Buffer): string[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    // A TTY container's log is plain text: the first byte is not a stream type 0-2 followed by zeros.
    if (this.raw === undefined) {
      if (this.pending.length < 8) return [];
      this.raw = !(this.pending[0]! <= 2 && this.pending[1] === 0 && this.pending[2] === 0 && this.pending[3] === 0);
    }
    let text = '';
    if (this.raw) {
      text = this.pending.toString('utf8');
      this.pending = Buffer.alloc(0);
    } else {
      let offset = 0;
      while (offset + 8 <= this.pending.length) {
        const size = this.pending.readUInt32BE(offset + 4);
        if (offset + 8 + size > this.pending.length) break;
        text += this.pending.subarray(offset + 8, offset + 8 + size).toString('utf8');
        offset += 8 + size;
      }
      this.pending = this.pending.subarray(offset);
    }
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    return lines.map((line) => line.replace(/\r$/, ''));
  }

  flush(): string[] {
    if (this.raw === undefined && this.pending.length > 0) {
      this.partial += this.pending.toString('utf8');
      this.pending = Buffer.alloc(0);
    }
    const last = this.partial;
    this.partial = '';
    return last === '' ? [] : [last];
  }
}

/** The last `count` lines of `text` (a trailing newline does not make an empty last line). */
export function lastLines(text: string, count: number): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return count <= 0 ? [] : lines.slice(-count);
}
