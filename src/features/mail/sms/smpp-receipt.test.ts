import { describe, expect, it } from 'vitest';
import { parseReceipt } from './smpp-receipt';

const text = (stat: string, err = '000') => ({
  message: `id:0A1B2C sub:001 dlvrd:001 submit date:2612011200 done date:2612011201 stat:${stat} err:${err} text:Votre place`,
});

describe('delivery receipts', () => {
  it('reads the receipt text', () => {
    expect(parseReceipt({ esm_class: 0x04, short_message: text('DELIVRD') })).toEqual({
      messageId: '0A1B2C',
      status: 'delivered',
      stat: 'DELIVRD',
      error: null,
    });
    for (const stat of ['UNDELIV', 'EXPIRED', 'REJECTD', 'DELETED', 'UNKNOWN']) {
      expect(parseReceipt({ esm_class: 0x04, short_message: text(stat, '0B1') })).toEqual({
        messageId: '0A1B2C',
        status: 'failed',
        stat,
        error: '0B1',
      });
    }
  });

  it('prefers the receipted_message_id and message_state TLVs', () => {
    expect(parseReceipt({ esm_class: 0x04, short_message: text('DELIVRD'), receipted_message_id: '77\0', message_state: 5 })).toMatchObject(
      { messageId: '77', status: 'failed', stat: 'UNDELIV' },
    );
    expect(parseReceipt({ esm_class: 0x04, short_message: '', receipted_message_id: 'abc', message_state: 2 })).toMatchObject({
      messageId: 'abc',
      status: 'delivered',
    });
    expect(parseReceipt({ esm_class: 0x04, short_message: Buffer.from('id:9 stat:delivrd err:000') })).toMatchObject({
      messageId: '9',
      status: 'delivered',
    });
  });

  it('ignores what is not a final receipt', () => {
    expect(parseReceipt({ esm_class: 0x04, short_message: text('ENROUTE') })).toBeNull();
    expect(parseReceipt({ esm_class: 0x04, short_message: text('ACCEPTD') })).toBeNull();
    expect(parseReceipt({ esm_class: 0x00, short_message: { message: 'Bonjour, je viendrai' } })).toBeNull();
    expect(parseReceipt({ esm_class: 0x04, short_message: { message: 'garbage' } })).toBeNull();
  });
});
