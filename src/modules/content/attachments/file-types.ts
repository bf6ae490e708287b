/** What a file's bytes say it is. */
export type DetectedKind = 'pdf' | 'ole' | 'docx' | 'xlsx' | 'ofd' | 'jpeg' | 'png' | 'gif' | 'webp' | 'mp3' | 'mp4' | 'zip' | 'ooxml' | 'unknown';

export interface AllowedType {
  readonly kind: DetectedKind;
  readonly mime: string;
  readonly label: string;
}

/** The extension allow-list; an upload's content must be the kind its extension names. */
export const ALLOWED_TYPES: Readonly<Record<string, AllowedType>> = {
  pdf: { kind: 'pdf', mime: 'application/pdf', label: 'PDF 文档' },
  ofd: { kind: 'ofd', mime: 'application/ofd', label: 'OFD 版式文档' },
  doc: { kind: 'ole', mime: 'application/msword', label: 'Word 97-2003 文档' },
  docx: { kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word 文档' },
  xls: { kind: 'ole', mime: 'application/vnd.ms-excel', label: 'Excel 97-2003 表格' },
  xlsx: { kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel 表格' },
  jpg: { kind: 'jpeg', mime: 'image/jpeg', label: 'JPEG 图片' },
  jpeg: { kind: 'jpeg', mime: 'image/jpeg', label: 'JPEG 图片' },
  png: { kind: 'png', mime: 'image/png', label: 'PNG 图片' },
  gif: { kind: 'gif', mime: 'image/gif', label: 'GIF 图片' },
  webp: { kind: 'webp', mime: 'image/webp', label: 'WebP 图片' },
  mp3: { kind: 'mp3', mime: 'audio/mpeg', label: 'MP3 音频' },
  mp4: { kind: 'mp4', mime: 'video/mp4', label: 'MP4 视频' },
};

export const KIND_LABELS: Readonly<Record<DetectedKind, string>> = {
  pdf: 'PDF 文档', ole: 'Office 97-2003 文档', docx: 'Word 文档', xlsx: 'Excel 表格', ofd: 'OFD 版式文档', jpeg: 'JPEG 图片',
  png: 'PNG 图片', gif: 'GIF 图片', webp: 'WebP 图片', mp3: 'MP3 音频', mp4: 'MP4 视频', zip: 'ZIP 压缩包',
  ooxml: '其他 Office 文档', unknown: '无法识别的类型',
};

/** How many leading bytes detection needs. */
export const SNIFF_BYTES = 64;

/** ISO base-media brands of MP4 video (QuickTime and HEIF images are not MP4). */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'mmp4', 'MSNV', 'f4v ']);

const startsWith = (b: Buffer, bytes: readonly number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, from: number, to: number) => b.toString('latin1', from, to);

/**
 * The kind of a file from its first bytes (magic numbers); ZIP packages are told apart by the
 * names in their central directory (Office Open XML has [Content_Types].xml; OFD has OFD.xml).
 */
export function detectKind(head: Buffer, zipNames: readonly string[] | null): DetectedKind {
  if (ascii(head, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (!zipNames) return 'unknown';
    if (zipNames.includes('OFD.xml')) return 'ofd';
    if (zipNames.includes('[Content_Types].xml')) {
      if (zipNames.some((n) => n.startsWith('word/'))) return 'docx';
      if (zipNames.some((n) => n.startsWith('xl/'))) return 'xlsx';
      return 'ooxml';
    }
    return 'zip';
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (ascii(head, 0, 3) === 'ID3') return 'mp3';
  // MPEG-1/2/2.5 Layer III frame sync: FFFB, FFFA, FFF3, FFF2, FFE3, FFE2.
  if (head[0] === 0xff && head[1] !== undefined && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) === 0x02) return 'mp3';
  if (ascii(head, 4, 8) === 'ftyp' && MP4_BRANDS.has(ascii(head, 8, 12))) return 'mp4';
  return 'unknown';
}

export function isZipHead(head: Buffer): boolean {
  return startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
}
