import { describe, expect, it } from 'vitest';
import { kindCount } from './staff-format';

describe('kindCount', () => {
  it('says one device in the singular and several in the plural', () => {
    expect(kindCount(1, 'interactive-display')).toBe('1 écran interactif');
    expect(kindCount(4, 'interactive-display')).toBe('4 écrans interactifs');
    expect(kindCount(1, 'tablet')).toBe('1 tablette');
    expect(kindCount(8, 'projector')).toBe('8 vidéoprojecteurs');
  });
  it('falls back to the plural label for a kind it has no count for', () => {
    expect(kindCount(2, 'document-camera')).toBe('2 document-camera');
  });
});
