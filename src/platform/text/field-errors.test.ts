import { describe, expect, it } from 'vitest';
import { labelFrom, summaryLine, wordErrors } from './field-errors';

describe('field errors in words', () => {
  it('words keys in the language asked, renaming fields for the form', () => {
    expect(wordErrors('fr', { firstName: 'errors.required', startsAt: 'errors.invalid' }, { startsAt: 'date' })).toEqual({
      firstName: 'Ce champ est obligatoire.',
      date: "Cette valeur n'est pas valable.",
    });
    expect(wordErrors('en', { firstName: 'errors.required' }).firstName).toBe('This field is required.');
  });

  it('names the field in each summary line, French spacing included', () => {
    expect(summaryLine('fr', 'Prénom', 'Ce champ est obligatoire.')).toBe('Prénom : ce champ est obligatoire.');
    expect(summaryLine('en', 'First name', 'This field is required.')).toBe('First name: this field is required.');
    expect(summaryLine('fr', 'E-mail', 'UAI inconnu.')).toBe('E-mail : UAI inconnu.');
    expect(summaryLine('fr', undefined, 'Ce champ est obligatoire.')).toBe('Ce champ est obligatoire.');
  });

  it('finds labels by key prefix, or none', () => {
    expect(labelFrom('fr', 'form', 'firstName')).toBe('Prénom');
    expect(labelFrom('fr', 'form', 'nope')).toBeUndefined();
  });
});
