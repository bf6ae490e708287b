/**
 * `Content-Disposition: attachment` with the original name: an ASCII fallback for old clients
 * and the exact UTF-8 name as `filename*` (RFC 6266 / RFC 5987), so 附件.pdf arrives intact.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_').replace(/%/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
