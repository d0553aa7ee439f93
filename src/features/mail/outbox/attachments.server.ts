// Files an email carries besides its invite, made when it is sent (the outbox row keeps only
// what to make them from): the PDF of a yearly attestation.
import type { Db } from '~/platform/db/db.server';
import type { OutboxRow } from './delivery-states.server';
import { YEAR_ATTESTATION_KIND } from '~/features/training/attestation-mail.server';
import { attestationFile, attestationFilename, verifyAttestation } from '~/features/training/attestations.server';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export async function outboxAttachments(db: Db, row: Pick<OutboxRow, 'kind' | 'payload'>): Promise<MailAttachment[]> {
  if (row.kind !== YEAR_ATTESTATION_KIND) return [];
  const found = await verifyAttestation(db, String(row.payload.code ?? ''));
  // Gone (the account was erased): a permanent failure, not a mail without its file.
  if (!found) throw Object.assign(new Error('attestation not found'), { permanent: true });
  const pdf = await attestationFile(found.attestation);
  return [{ filename: attestationFilename(found.attestation), content: Buffer.from(pdf), contentType: 'application/pdf' }];
}
