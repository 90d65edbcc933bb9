import type { EvidenceFile, FetchAttachment, IncomingAttachment } from '../services/evidence/evidence';
import { MAX_EVIDENCE_BYTES, TEAMS_FILE_TYPE } from '../services/evidence/evidenceTypes';
import type { Logger } from './logger';

/**
 * Where channels keep the files users send: Azure's Direct Line (Web Chat in production) and Teams' file
 * download links (SharePoint / OneDrive). Only https, only these hosts: a contentUrl a client wrote that points
 * anywhere else is never fetched, so it can neither reach staff as evidence nor make the bot call it.
 */
const CHANNEL_FILE_HOSTS = [/^([a-z0-9-]+\.)*directline\.botframework\.com$/, /^([a-z0-9-]+\.)*botframework\.azure\.cn$/, /^[a-z0-9-]+(-my)?\.sharepoint\.(com|cn)$/];
const FETCH_TIMEOUT_MS = 15_000;

function trustedRemote(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && CHANNEL_FILE_HOSTS.some((host) => host.test(parsed.hostname)) ? parsed : null;
  } catch {
    return null;
  }
}

async function download(url: URL, name: string, declaredType: string): Promise<EvidenceFile | null> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok || !response.body) return null;
  if (Number(response.headers.get('content-length') ?? 0) > MAX_EVIDENCE_BYTES) return { name, contentType: declaredType, data: Buffer.alloc(MAX_EVIDENCE_BYTES + 1) };
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.length;
    if (size > MAX_EVIDENCE_BYTES) {
      await reader.cancel();
      return { name, contentType: declaredType, data: Buffer.alloc(MAX_EVIDENCE_BYTES + 1) };
    }
    chunks.push(Buffer.from(part.value));
  }
  return { name, contentType: declaredType, data: Buffer.concat(chunks) };
}

/** Teams file cards name the file's own type by extension; the stored type is the one that extension means. */
const TYPE_OF_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp',
  tif: 'image/tiff', tiff: 'image/tiff', heic: 'image/heic', txt: 'text/plain', doc: 'application/msword', xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The bot's way to an attachment's bytes: the local channel's own store (dev mode), else a channel's file host. */
export function attachmentFetcher(options: { localFile: (url: string) => EvidenceFile | null; log: Logger }): FetchAttachment {
  return async (attachment: IncomingAttachment) => {
    const name = attachment.name || 'file';
    try {
      if (attachment.contentType === TEAMS_FILE_TYPE) {
        const content = attachment.content as { downloadUrl?: string; fileType?: string } | undefined;
        const url = trustedRemote(content?.downloadUrl);
        const type = TYPE_OF_EXTENSION[(content?.fileType ?? '').toLowerCase()];
        return url && type ? await download(url, name, type) : null;
      }
      if (!attachment.contentUrl || !attachment.contentType) return null;
      const local = options.localFile(attachment.contentUrl);
      if (local) return local;
      const url = trustedRemote(attachment.contentUrl);
      return url ? await download(url, name, attachment.contentType) : null;
    } catch (err) {
      options.log.warn({ err: (err as Error).message }, 'could not fetch an evidence file');
      return null;
    }
  };
}
