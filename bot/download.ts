import type { Response } from 'restify';

/**
 * Sends a stored file as a download: `Content-Disposition: attachment`, `nosniff`, and a CSP sandbox, so a
 * file that is really a web page never runs as this origin, whatever type its uploader declared.
 */
export function sendAttachment(res: Response, file: { name: string; contentType: string; data: Buffer }): void {
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.writeHead(200, {
    'content-type': file.contentType || 'application/octet-stream',
    'content-length': file.data.length,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
  });
  res.end(file.data);
}
