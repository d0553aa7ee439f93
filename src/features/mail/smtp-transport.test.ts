import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './smtp-transport.server';

describe('SMTP failures', () => {
  it('retries 4xx replies and network errors, gives up on 5xx', () => {
    expect(classifySmtpError({ responseCode: 451 })).toBe('retry');
    expect(classifySmtpError({ code: 'ECONNECTION' })).toBe('retry');
    expect(classifySmtpError({ responseCode: 550 })).toBe('permanent');
    expect(classifySmtpError({ responseCode: 550, permanent: true })).toBe('permanent');
    expect(classifySmtpError({ responseCode: 503 })).toBe('retry');
  });
});
