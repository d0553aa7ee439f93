import { describe, expect, it } from 'vitest';
import { describeStatus, isPermanentStatus, submitFields } from './smpp-pdu';

describe('submit_sm fields', () => {
  it('addresses E.164 numbers as international and the sender by its kind', () => {
    expect(submitFields('+33612345678', 'Passerelle')).toEqual({
      service_type: '',
      source_addr_ton: 5,
      source_addr_npi: 0,
      source_addr: 'Passerelle',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '33612345678',
      registered_delivery: 1,
    });
    expect(submitFields('+33612345678', '+33700000000')).toMatchObject({
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: '33700000000',
    });
    expect(submitFields('+33612345678', '38000')).toMatchObject({ source_addr_ton: 3, source_addr_npi: 0, source_addr: '38000' });
  });

  it('refuses what is not E.164, for good', () => {
    expect(() => submitFields('0612345678', 'Passerelle')).toThrow(expect.objectContaining({ permanent: true }));
  });

  it('names statuses and tells refusals from trouble worth a retry', () => {
    expect(describeStatus(0x0b)).toBe('ESME_RINVDSTADR (0x0000000b)');
    expect(isPermanentStatus(0x0b)).toBe(true);
    expect(isPermanentStatus(0x58)).toBe(false); // throttled
    expect(isPermanentStatus(0x08)).toBe(false); // system error
    expect(isPermanentStatus(0x1234)).toBe(false);
  });
});
