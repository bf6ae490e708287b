import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { JiyueApp } from '../../src/app.js';

export const PORTAL_CODE = '3200000001';
export const PORTAL_HOST = `${PORTAL_CODE}.localhost`;

/** A JPEG's first bytes, a PDF, a PNG, and a Windows executable (MZ header). */
export const LETTER_FILES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1'),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 sample photo')]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR sample')]),
  exe: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(56), Buffer.from('This program cannot be run in DOS mode.')]),
};

/** Fetches a challenge the way the form's script does and solves it the same way (altcha-lib's own solver). */
export async function solvedCaptcha(app: JiyueApp): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/api/v1/public/captcha' });
  if (res.statusCode !== 200) throw new Error(`captcha challenge: ${res.statusCode} ${res.body}`);
  const challenge = res.json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('captcha not solved');
  return Buffer.from(JSON.stringify({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } })).toString('base64');
}

/** The portal's mailboxes as the public API lists them (the site mailbox first). */
export async function portalMailboxes(app: JiyueApp, siteCode = PORTAL_CODE): Promise<{ id: number; kind: string; name: string; deadlineDays: number }[]> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/public/sites/${siteCode}/mailboxes` });
  if (res.statusCode !== 200) throw new Error(`mailboxes: ${res.statusCode} ${res.body}`);
  return res.json<{ mailboxes: { id: number; kind: string; name: string; deadlineDays: number }[] }>().mailboxes;
}

let counter = 0;

/** A unique idempotency key (16–64 of [A-Za-z0-9_-]). */
export function idemKey(): string {
  return `test-key-${Date.now().toString(36)}-${counter++}`.padEnd(20, 'x');
}

/** Personal data recognisable anywhere it might leak: logs, audit details, raw rows. */
export const PLANTED = {
  name: '测试张三丰',
  phone: '13812345678',
  email: 'planted.citizen@example.cn',
  idNumber: '11010519491231002X',
  address: '江苏省南京市玄武区测试路88号',
};

export function letterJson(mailboxId: number, altcha: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mailboxId, letterType: 'consultation', visibility: 'private', subject: '关于办理居住证的咨询', body: '请问办理居住证需要哪些材料？',
    ...PLANTED, altcha, ...extra,
  };
}

/** A multipart body with text fields and files (several under one name, as `<input type=file multiple>` sends them). */
export function multipartBody(fields: Readonly<Record<string, string>>, files: readonly { field: string; name: string; content: Buffer; type?: string }[] = []): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----jiyueletter${Date.now().toString(16)}${counter++}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function stringFields(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
}
