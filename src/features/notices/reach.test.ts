import { describe, expect, it } from 'vitest';
import { countReach, reachOf, type NoticeMessage } from './reach';

const both = { email: true, sms: true };
const mail = (status: string): NoticeMessage => ({ channel: 'email', status, recipient: 'a@example.fr' });
const sms = (status: string, recipient = '+33639981234'): NoticeMessage => ({ channel: 'sms', status, recipient });

describe('reachOf', () => {
  it('counts a message that left or will leave on a configured channel', () => {
    expect(reachOf([mail('sent'), sms('pending')], both)).toEqual({ email: true, sms: true, reason: null });
    expect(reachOf([sms('delivered')], { email: true, sms: false })).toEqual({ email: false, sms: true, reason: null });
  });

  it('does not count an SMS held for want of SMS_URL, failed, or sent to a landline', () => {
    expect(reachOf([sms('pending')], { email: true, sms: false }).reason).toBe('sms-off');
    expect(reachOf([sms('held')], { email: true, sms: false }).reason).toBe('sms-off');
    expect(reachOf([sms('failed')], both).reason).toBe('sms-failed');
    expect(reachOf([sms('pending', '+33491123456')], both).reason).toBe('landline');
    expect(reachOf([mail('held')], { email: false, sms: true }).reason).toBe('mail-off');
  });

  it('says when someone left no contact at all', () => {
    expect(reachOf([], both)).toEqual({ email: false, sms: false, reason: 'no-contact' });
  });

  it('counts people, not messages', () => {
    const reaches = [reachOf([mail('sent'), sms('sent')], both), reachOf([sms('failed')], both), reachOf([], both)];
    expect(countReach(reaches)).toEqual({ email: 1, sms: 1, unreachable: 2 });
  });
});
