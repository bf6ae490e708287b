/**
 * HyperLogLog (Flajolet et al. 2007) with 2^12 registers: a day's unique visitors of a site in
 * 4 KiB, ±1.6 % standard error, mergeable across processes by taking the larger register. It
 * keeps only "the longest run of leading zeros seen in this bucket", so nothing in it can be
 * traced back to a visitor.
 */
export const HLL_BITS = 12;
export const HLL_REGISTERS = 1 << HLL_BITS;
const ALPHA = 0.7213 / (1 + 1.079 / HLL_REGISTERS);

export class Hll {
  readonly registers: Uint8Array;

  constructor(registers?: Uint8Array) {
    this.registers = registers ?? new Uint8Array(HLL_REGISTERS);
  }

  /** Adds a 64-bit hash given as two 32-bit halves: `lo` picks the register, `hi` gives the rank. */
  add(lo: number, hi: number): void {
    const i = lo & (HLL_REGISTERS - 1);
    const rank = Math.clz32(hi) + 1;
    if (rank > (this.registers[i] as number)) this.registers[i] = rank;
  }

  merge(other: Hll): void {
    const r = this.registers;
    const o = other.registers;
    for (let i = 0; i < HLL_REGISTERS; i++) if ((o[i] as number) > (r[i] as number)) r[i] = o[i] as number;
  }

  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const v = this.registers[i] as number;
      sum += 2 ** -v;
      if (v === 0) zeros++;
    }
    const raw = (ALPHA * HLL_REGISTERS * HLL_REGISTERS) / sum;
    // Small cardinalities: linear counting over the empty registers is exact-ish where HLL is biased.
    if (raw <= 2.5 * HLL_REGISTERS && zeros > 0) return Math.round(HLL_REGISTERS * Math.log(HLL_REGISTERS / zeros));
    return Math.round(raw);
  }

  toBase64(): string {
    return Buffer.from(this.registers.buffer, this.registers.byteOffset, this.registers.byteLength).toString('base64');
  }

  /** A stored sketch; anything that is not one (wrong length) reads as empty rather than failing a flush. */
  static fromBase64(text: string | null): Hll {
    if (!text) return new Hll();
    const bytes = Buffer.from(text, 'base64');
    return bytes.length === HLL_REGISTERS ? new Hll(new Uint8Array(bytes)) : new Hll();
  }
}
