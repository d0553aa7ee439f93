import { describe, expect, it } from 'vitest';
import { parseTrackBody, parseTrackChange, trainingHours } from './track-input';
import { trackBodyFromForm } from './track-form';

describe('track input', () => {
  it('takes a teacher track with kinds, hours and a GAIA module', () => {
    const parsed = parseTrackBody({
      title: ' Le vidéoprojecteur ',
      audience: 'teacher',
      equipmentKinds: ['projector', 'projector'],
      hours: 1.5,
      gaiaModule: '26A0130045',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        title: 'Le vidéoprojecteur',
        audience: 'teacher',
        summary: '',
        equipmentKinds: ['projector'],
        hours: 1.5,
        gaiaModule: '26A0130045',
        translations: {},
      },
    });
  });

  it('names every wrong field, and refuses fields it does not know', () => {
    const parsed = parseTrackBody({
      title: 'x',
      audience: 'pupils',
      equipmentKinds: ['toaster'],
      hours: 99,
      gaiaModule: 'a b',
      colour: 'red',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['audience', 'colour', 'equipmentKinds', 'gaiaModule', 'hours', 'title']);
  });

  it('keeps no GAIA module on a parent track, and drops blank translations', () => {
    const parsed = parseTrackBody({
      title: 'La tablette',
      audience: 'parent',
      equipmentKinds: [],
      gaiaModule: 'X1',
      translations: { ar: { title: '' }, en: { title: 'The tablet' } },
    });
    expect(parsed.ok && parsed.value).toMatchObject({ gaiaModule: null, translations: { en: { title: 'The tablet' } } });
  });

  it('changes only what is given; retiring is a change', () => {
    expect(parseTrackChange({ retired: true })).toEqual({ ok: true, value: { retired: true } });
    expect(parseTrackChange({ hours: null, gaiaModule: '' })).toEqual({ ok: true, value: { hours: null, gaiaModule: null } });
    expect(parseTrackChange({ audience: 'parent' }).ok).toBe(false);
  });

  it('reads the form: checked kinds, hours written with a comma', () => {
    const body = trackBodyFromForm({ title: 'T', audience: 'teacher', 'kind-tablet': '1', hours: '1,5' }, { withAudience: true });
    expect(body).toMatchObject({ equipmentKinds: ['tablet'], hours: 1.5, audience: 'teacher' });
    expect(trackBodyFromForm({ hours: 'trois' }, { withAudience: false }).hours).toBe('trois');
  });

  it('counts the track’s hours, else the session’s length', () => {
    expect(trainingHours(3, 0, 2 * 3_600_000)).toBe(3);
    expect(trainingHours(null, 0, 90 * 60_000)).toBe(1.5);
  });
});
