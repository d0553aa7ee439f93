import { describe, expect, it } from 'vitest';
import { MESSAGE_MAX, parseTrainerMessage } from './session-message';

describe('parseTrainerMessage', () => {
  it('takes French and the optional languages, spaces tidied', () => {
    expect(parseTrainerMessage({ message_fr: ' La salle  change : salle 2 ', message_ar: '', message_en: 'Room 2' })).toEqual({
      ok: true,
      value: { fr: 'La salle change : salle 2', en: 'Room 2' },
    });
  });

  it('requires French and keeps each text to an SMS', () => {
    expect(parseTrainerMessage({ message_en: 'Room 2' })).toEqual({ ok: false, errors: { message_fr: 'notify.message.required' } });
    expect(parseTrainerMessage({ message_fr: 'x'.repeat(MESSAGE_MAX + 1) })).toMatchObject({
      ok: false,
      errors: { message_fr: 'notify.message.tooLong' },
    });
  });
});
