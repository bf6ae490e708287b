import { docxText, ofdText, xlsxText } from './office-xml-text.js';
import { pdfText } from './pdf-text.js';

/** Extensions whose text extractAttachmentText can read. */
export const TEXT_EXTENSIONS = ['txt', 'docx', 'xlsx', 'pdf', 'ofd'] as const;

function plainText(buf: Buffer): string {
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Chinese text files saved by older Windows tools are GBK/GB18030.
    return new TextDecoder('gb18030').decode(body);
  }
}

/**
 * The text of an attachment, for the personal-data and secrecy checks: .txt (UTF-8, else
 * GB18030), .docx (document, headers, footers, notes), .xlsx (cells), .pdf (text-based, see
 * pdfText for its limits), .ofd (TextCode of each page). null when the type is not read
 * (.doc, .wps, .xls, images …) or the file cannot be parsed. Synchronous work inside; async so
 * that a later version can move it off the event loop without changing callers.
 */
export async function extractAttachmentText(buffer: Buffer, ext: string): Promise<string | null> {
  const kind = ext.toLowerCase().replace(/^\./, '');
  try {
    switch (kind) {
      case 'txt': return plainText(buffer);
      case 'docx': return docxText(buffer);
      case 'xlsx': return xlsxText(buffer);
      case 'pdf': return pdfText(buffer);
      case 'ofd': return ofdText(buffer);
      default: return null;
    }
  } catch {
    return null;
  }
}
