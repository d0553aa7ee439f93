// A workshop's flyer for school gates and class WhatsApp groups: a short link that survives
// being typed from paper, its QR code (SVG, drawn on the server), and the text to share.
import QRCode from 'qrcode';

// `/s/<id>`: short enough to type from a printed sheet; it opens the session page.
export function shortLink(publicUrl: string, sessionId: number): string {
  return `${publicUrl}/s/${sessionId}`;
}

// The link as printed: no scheme, nothing a parent has to type for nothing.
export function printedLink(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

// The options are part of the contract with tests that re-draw the code: keep them here.
export const QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 2 } as const;

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, QR_OPTIONS);
}

// WhatsApp opens with the text ready to send to a group; no account or script of ours needed.
export function whatsappShareUrl(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}
