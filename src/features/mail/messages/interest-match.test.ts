import { describe, expect, it } from 'vitest';
import { config } from '~/platform/config/config';
import { composeMessage } from './index';

const NOW = Date.UTC(2027, 3, 1, 8);
const payload = {
  kind: 'interest-match',
  requestId: 7,
  school: 'École élémentaire Belsunce',
  language: 'ar',
  session: {
    id: 42,
    title: 'Suivre la scolarité en ligne',
    startsAt: Date.UTC(2027, 4, 4, 15),
    endsAt: Date.UTC(2027, 4, 4, 17),
    venueName: 'École élémentaire Belsunce',
    venueAddress: '12 rue Belsunce, 13001 Marseille',
    organisation: "Ligue de l'Enseignement 13",
    contactEmail: 'ateliers@ligue13.test',
    contactPhone: null,
  },
};
const STOP = 'https://passerelle.test/ar/prevenez-moi/retrait/abc';

describe('the interest-match message', () => {
  it('links to the session page in the parent language and carries the withdrawal link', () => {
    const m = composeMessage({ kind: 'interest-match', language: 'ar', payload }, { manageUrl: STOP, now: NOW });
    expect(m.subject).toContain('Suivre la scolarité en ligne');
    expect(m.html).toContain('dir="rtl"');
    expect(m.text).toContain(`${config.publicUrl}/ar/sessions/42`);
    expect(m.html).toContain(`href="${STOP}"`);
    expect(m.invite).toBeNull();
  });

  it('reads in French, and shows no withdrawal link in an admin preview', () => {
    const m = composeMessage({ kind: 'interest-match', language: 'fr', payload }, { manageUrl: null, now: NOW });
    expect(m.text).toContain("Vous avez demandé à être prévenu : un atelier est prévu près de l'école École élémentaire Belsunce.");
    expect(m.text).toContain(`${config.publicUrl}/sessions/42`);
    expect(m.text).not.toContain('prevenez-moi/retrait');
  });
});
