/**
 * Test-only shortcuts that write sites and columns rows directly, so document tests do not
 * depend on the sites and columns APIs. Production code goes through those modules' index.ts.
 */
import zlib from 'node:zlib';
import type { Db } from '../../src/db/index.js';
import { getOrgByCode } from '../../src/platform/identity/orgs.repo.js';

let counter = 0;

/** The site owned by the organization with this code, created when missing. */
export async function ensureTestSite(db: Db, orgCode: string): Promise<{ siteId: number; orgId: number }> {
  const org = await getOrgByCode(db, orgCode);
  if (!org) throw new Error(`no organization ${orgCode}`);
  const existing = await db.selectFrom('sites').select('id').where('owner_org_id', '=', org.id).executeTakeFirst();
  if (existing) return { siteId: Number(existing.id), orgId: org.id };
  const code = `bm${String(org.id).padStart(4, '0')}${String(process.pid % 10_000).padStart(4, '0')}`;
  const { id } = await db.insertInto('sites').values({
    code, kind: org.level === 'province' && org.kind !== 'department' ? 'province_portal' : 'department', owner_org_id: org.id,
    name: `${org.name}网站`, primary_domain: `t${org.id}.example.gov.cn`, icp_number: null, police_number: null, host_unit: org.name,
    contact: '{}', logo_url: null, status: 'open', created_by: null, created_at: 0, updated_at: 0,
  }).returning('id').executeTakeFirstOrThrow();
  return { siteId: Number(id), orgId: org.id };
}

/** A fresh active column in the site (under `parentId` when given). */
export async function insertTestColumn(db: Db, q: { siteId: number; parentId?: number; name?: string; kind?: 'news' | 'notice' | 'policy' | 'link' }): Promise<{ id: number; path: string }> {
  const n = counter++;
  const parent = q.parentId !== undefined ? await db.selectFrom('columns').select('path').where('id', '=', q.parentId).executeTakeFirstOrThrow() : null;
  const { id } = await db.insertInto('columns').values({
    site_id: q.siteId, parent_id: q.parentId ?? null, path: '', name: q.name ?? `测试栏目${n}`, slug: `t${n}-${Date.now().toString(36)}`,
    kind: q.kind ?? 'news', description: '', keywords: '', update_days: null, sort_order: n, visible: 1, workflow: '[]', link_url: null,
    comments_enabled: 0, status: 'active', merged_into_id: null, created_at: 0, updated_at: 0,
  }).returning('id').executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${Number(id)}/`;
  await db.updateTable('columns').set({ path }).where('id', '=', Number(id)).execute();
  return { id: Number(id), path };
}

/** A fresh column on the site of the organization with this code (the demo editors sit on '320000-bgt'). */
export async function testColumnFor(db: Db, orgCode: string, opts: { kind?: 'news' | 'notice' | 'policy' | 'link' } = {}): Promise<{ id: number; siteId: number; orgId: number }> {
  const { siteId, orgId } = await ensureTestSite(db, orgCode);
  const column = await insertTestColumn(db, { siteId, ...opts });
  return { id: column.id, siteId, orgId };
}

/** A multipart/form-data body with one file part (what a browser sends for <input type=file>). */
export function multipartFile(filename: string, content: Buffer, opts: { field?: string; contentType?: string } = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----jiyue${Date.now().toString(16)}${counter++}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${opts.field ?? 'file'}"; filename="${filename}"\r\nContent-Type: ${opts.contentType ?? 'application/octet-stream'}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A stored (uncompressed) ZIP archive with these entries: enough for OOXML and OFD detection. */
export function makeZip(entries: Readonly<Record<string, string>>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBuf = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(0, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  const count = Object.keys(entries).length;
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(count, 8); eocd.writeUInt16LE(count, 10); eocd.writeUInt32LE(cd.length, 12); eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** Smallest byte sequences each allowed type is recognised by (padded so they look like files). */
export const SAMPLE_FILES = {
  pdf: Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]),
  jpg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF'), Buffer.alloc(100, 2)]),
  gif: Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(50, 3)]),
  webp: Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x40, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(60, 4)]),
  mp3: Buffer.concat([Buffer.from('ID3'), Buffer.from([3, 0, 0, 0, 0, 0, 10]), Buffer.alloc(100, 5)]),
  mp3Frame: Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(100, 0)]),
  mp4: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2'), Buffer.alloc(80, 6)]),
  doc: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 0)]),
  docx: makeZip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document>正文</w:document>' }),
  xlsx: makeZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }),
  ofd: makeZip({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' }),
  zip: makeZip({ 'readme.txt': 'hello' }),
  html: Buffer.from('<html><script>alert(1)</script></html>'),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 0)]),
} as const;
