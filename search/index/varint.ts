/**
 * Unsigned LEB128 varints: the packing of postings blocks. Small numbers (doc-number
 * gaps, term frequencies, position gaps) take one byte.
 */
const SEVEN_BITS = 0x7f;
const CONTINUE = 0x80;
const INITIAL_CAPACITY = 64;

export class VarintWriter {
  private bytes = new Uint8Array(INITIAL_CAPACITY);
  private length = 0;

  write(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    let rest = value >>> 0;
    while (rest > SEVEN_BITS) {
      this.bytes[this.length++] = (rest & SEVEN_BITS) | CONTINUE;
      rest >>>= 7;
    }
    this.bytes[this.length++] = rest;
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export class VarintReader {
  offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  read(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.offset++]!;
      value += (byte & SEVEN_BITS) * 2 ** shift;
      if (byte < CONTINUE) return value;
      shift += 7;
    }
  }

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }
}
