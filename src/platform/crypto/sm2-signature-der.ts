/**
 * Strict DER codec for SM2 signatures (SEQUENCE { INTEGER r, INTEGER s }).
 *
 * sm-crypto-v2's own decoder is lenient and throws on some garbage; parsing
 * strictly here gives one accepted encoding per signature (no malleability)
 * and lets verification reject out-of-range r/s as GB/T 32918.2 requires.
 */

/** Order n of the SM2 recommended curve (GB/T 32918.5). */
export const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

export interface Sm2Signature {
  r: bigint;
  s: bigint;
}

function encodeInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let body = Buffer.from(hex, 'hex');
  // A leading 0x00 keeps a value with the top bit set positive.
  if ((body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.of(0), body]);
  return Buffer.concat([Buffer.of(0x02, body.length), body]);
}

export function encodeSm2SignatureDer({ r, s }: Sm2Signature): string {
  const content = Buffer.concat([encodeInteger(r), encodeInteger(s)]);
  // r, s < 2^256 so content is at most 70 bytes: short-form length always suffices.
  return Buffer.concat([Buffer.of(0x30, content.length), content]).toString('hex');
}

function readInteger(buf: Buffer, offset: number): { value: bigint; next: number } | undefined {
  if (buf[offset] !== 0x02) return undefined;
  const len = buf[offset + 1];
  if (len === undefined || len === 0 || len > 33) return undefined;
  const start = offset + 2;
  const end = start + len;
  if (end > buf.length) return undefined;
  const first = buf[start] ?? 0;
  const second = buf[start + 1];
  if (first & 0x80) return undefined; // negative
  if (first === 0 && (second === undefined || !(second & 0x80))) {
    // Non-minimal leading zero (or the value zero, which is out of range anyway).
    return undefined;
  }
  return { value: BigInt(`0x${buf.subarray(start, end).toString('hex')}`), next: end };
}

/** Returns undefined for anything but a canonical DER signature with r, s in [1, n-1]. */
export function decodeSm2SignatureDer(signatureHex: string): Sm2Signature | undefined {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(signatureHex) || signatureHex.length > 2 * 80) return undefined;
  const buf = Buffer.from(signatureHex, 'hex');
  if (buf[0] !== 0x30 || buf[1] !== buf.length - 2) return undefined;
  const r = readInteger(buf, 2);
  if (r === undefined) return undefined;
  const s = readInteger(buf, r.next);
  if (s === undefined || s.next !== buf.length) return undefined;
  for (const v of [r.value, s.value]) {
    if (v < 1n || v >= SM2_N) return undefined;
  }
  return { r: r.value, s: s.value };
}
