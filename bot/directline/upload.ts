import busboy from 'busboy';
import { Readable } from 'node:stream';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 5;

export interface UploadedFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export class UploadError extends Error {}

/**
 * Reads a Direct Line upload (multipart/form-data): the `activity` part (JSON) and the files, streamed from
 * the request (restify leaves multipart bodies unread) through busboy.
 */
export async function parseUpload(body: Readable, contentType: string): Promise<{ activity: Record<string, unknown>; files: UploadedFile[] }> {
  if (!/^multipart\/form-data/i.test(contentType)) throw new UploadError('The upload must be multipart/form-data.');
  const files: UploadedFile[] = [];
  let activity: Record<string, unknown> | null = null;
  await new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // defParamCharset: file names are UTF-8 (证据.pdf), not busboy's default Latin-1.
      parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8', limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES + 1 } });
    } catch {
      return reject(new UploadError('The upload must be multipart/form-data with a boundary.'));
    }
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => reject(new UploadError(`A file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`)));
      stream.on('end', () => {
        const data = Buffer.concat(chunks);
        // Web Chat sends the activity as a file part of its own type.
        if (field === 'activity' || info.mimeType === 'application/vnd.microsoft.activity') readActivity(data.toString('utf8'));
        else files.push({ name: info.filename || field, contentType: info.mimeType || 'application/octet-stream', data });
      });
    });
    // Parsed inside busboy's event handlers, where a throw would be uncaught and end the process: a malformed
    // part rejects the upload instead.
    const readActivity = (text: string): void => {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        activity = parsed as Record<string, unknown>;
      } catch {
        reject(new UploadError('The activity part is not a JSON object.'));
      }
    };
    parser.on('field', (field, value) => {
      if (field === 'activity') readActivity(value);
    });
    parser.on('filesLimit', () => reject(new UploadError(`At most ${MAX_FILES} files per message.`)));
    parser.on('error', () => reject(new UploadError('The multipart body could not be read.')));
    parser.on('close', () => resolve());
    body.pipe(parser);
  }).catch((err: unknown) => {
    throw err instanceof UploadError ? err : new UploadError('The activity part is not valid JSON.');
  });
  if (!activity) throw new UploadError('The upload has no activity part.');
  return { activity, files };
}
