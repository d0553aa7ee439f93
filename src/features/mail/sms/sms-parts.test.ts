import { describe, expect, it } from 'vitest';
import { concatenationHeader, dataCoding, smsParts, smsShape, toGsmText } from './sms-parts';

describe('SMS segments', () => {
  it('counts GSM-7 and UCS-2 segments as operators bill them', () => {
    expect(smsShape('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(smsShape('a'.repeat(306)).segments).toBe(2);
    expect(smsShape('a'.repeat(307)).segments).toBe(3);
    // € and { take two GSM septets.
    expect(smsShape('€'.repeat(80)).segments).toBe(1);
    expect(smsShape('€'.repeat(81)).segments).toBe(2);
    expect(smsShape('ب'.repeat(201))).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    expect(smsShape('ب'.repeat(202)).segments).toBe(4);
    // One character outside GSM-7 turns the whole text into UCS-2.
    expect(smsShape(`${'a'.repeat(100)}ê`)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
  });

  it('splits into 153 or 67 characters per part, never inside an escape pair', () => {
    expect(smsParts('court')).toEqual({ encoding: 'GSM-7', parts: ['court'] });
    const gsm = smsParts(`${'x'.repeat(152)}€${'y'.repeat(20)}`);
    expect(gsm.parts.map((p) => p.length)).toEqual([152, 21]);
    expect(gsm.parts.join('')).toBe(`${'x'.repeat(152)}€${'y'.repeat(20)}`);
    const ucs = smsParts('ب'.repeat(150));
    expect(ucs).toMatchObject({ encoding: 'UCS-2' });
    expect(ucs.parts.map((p) => p.length)).toEqual([67, 67, 16]);
    expect(dataCoding('GSM-7')).toBe(0);
    expect(dataCoding('UCS-2')).toBe(8);
  });

  it('writes the concatenation header (8-bit reference)', () => {
    expect([...concatenationHeader(0x1a2, 3, 2)]).toEqual([0x05, 0x00, 0x03, 0xa2, 3, 2]);
  });
});

describe('toGsmText', () => {
  it('keeps what GSM-7 has and folds the rest', () => {
    expect(toGsmText('Réservée à l’école : « Être » – 14\u00a0h\u202f30…')).toBe('Réservée à l\'école : "Etre" - 14 h 30...');
    expect(toGsmText('reçu, sœur, Noël, fête, août, où, Ç, ü')).toBe('recu, soeur, Noel, fete, aout, où, Ç, ü');
    expect(toGsmText('✓ 漢')).toBe('? ?');
    expect(smsShape(toGsmText('«\u00a0Œuvre\u00a0» — «ç»')).encoding).toBe('GSM-7');
  });
});
