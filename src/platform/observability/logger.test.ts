import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { httpRequests, recordRequest } from './metrics';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      );
      done();
    },
  });
  return { lines, stream };
}

describe('the logger', () => {
  it('writes one JSON line with a level name and an ISO time', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).info({ requestId: 'r1', status: 201 }, 'request');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        requestId: 'r1',
        status: 201,
        msg: 'request',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('censors keys that could hold a person, should a caller ever pass them', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).info(
      { email: 'a@b.test', payload: { phone: '+33612345678', firstName: 'Zoé' }, token: 't', kind: 'confirmed' },
      'x',
    );
    expect(lines[0]).toMatchObject({
      email: '[redacted]',
      payload: { phone: '[redacted]', firstName: '[redacted]' },
      token: '[redacted]',
      kind: 'confirmed',
    });
  });

  it('keeps to its level', () => {
    const { lines, stream } = capture();
    const log = createLogger('warn', stream);
    log.info('not this');
    log.warn('this');
    expect(lines.map((l) => l.msg)).toEqual(['this']);
  });
});

describe('request metrics', () => {
  it('label by route pattern, "(static)" when no route took the request, "other" for odd methods', async () => {
    recordRequest({ method: 'BREW', route: undefined, status: 404, seconds: 0.01 });
    recordRequest({ method: 'GET', route: '/r/[token]', status: 200, seconds: 0.02 });
    const { values } = await httpRequests.get();
    expect(values.map((v) => v.labels)).toEqual(
      expect.arrayContaining([
        { method: 'other', route: '(static)', status: '404' },
        { method: 'GET', route: '/r/[token]', status: '200' },
      ]),
    );
  });
});
