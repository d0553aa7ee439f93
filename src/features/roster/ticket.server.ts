// The manage link a ticket carries (as a QR code the parent scans at the gate): minted when
// the ticket is shown, since links are stored only as hashes; in the person's language.
import { isLang } from '~/i18n';
import type { Db } from '~/platform/db/db.server';
import { qrSvg } from '~/features/catalog/flyer';
import { manageUrl } from '~/features/registration/book-seat.server';
import { mintManageToken } from '~/features/registration/find-registration.server';

export async function ticketLink(db: Db, registration: { id: number; language: string }): Promise<{ url: string; qr: string }> {
  const url = manageUrl(await mintManageToken(db, registration.id), isLang(registration.language) ? registration.language : 'fr');
  return { url, qr: await qrSvg(url) };
}
