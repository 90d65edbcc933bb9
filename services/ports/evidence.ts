import type { KeptEvidence } from '../evidence/evidence';

export interface EvidenceRepository {
  save(meta: KeptEvidence, data: Buffer): Promise<void>;
  read(fileId: string): Promise<{ meta: KeptEvidence; data: Buffer } | null>;
}
