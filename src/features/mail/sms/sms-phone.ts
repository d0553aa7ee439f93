// Whether a stored number can receive an SMS. A landline (04 91 …), a box's VoIP line (09 …)
// or a service number cannot, so its owner must be called instead. A number whose type the
// metadata does not know (a range allocated since, the 06 39 98 range kept for fiction and
// the demo) is tried: its delivery receipt will tell. The "max" metadata knows number types.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const NO_SMS = new Set(['FIXED_LINE', 'VOIP', 'TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'UAN', 'VOICEMAIL', 'PAGER']);

export function canReceiveSms(e164: string): boolean {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone?.isPossible()) return false;
  const type = phone.getType();
  return type === undefined || !NO_SMS.has(type);
}
