/**
 * The file types taken as evidence (objections, change reports): PDF, raster images, Office documents and
 * plain text. Nothing a browser would run: no HTML, no SVG (it can hold script), no archives or executables.
 */
const EVIDENCE_TYPES = new Set([
  'application/pdf',
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/tiff', 'image/heic',
  'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.ms-works', 'application/wps-office.doc', 'application/wps-office.docx',
  'text/plain',
]);

/** Teams hands a file over as a card of this type, with the file's own type inside (content.fileType). */
export const TEAMS_FILE_TYPE = 'application/vnd.microsoft.teams.file.download.info';

const TEAMS_FILE_EXTENSIONS = new Set(['pdf', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'heic', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt']);

/** Whether a declared content type (parameters such as charset ignored) is one evidence may have. */
export function isEvidenceType(contentType: string | undefined, teamsFileType?: string): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === TEAMS_FILE_TYPE) return TEAMS_FILE_EXTENSIONS.has((teamsFileType ?? '').toLowerCase());
  return EVIDENCE_TYPES.has(type);
}

/** Largest evidence file kept (Direct Line's own upload limit is the same). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
