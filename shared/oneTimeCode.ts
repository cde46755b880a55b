/**
 * Finds a one-time code in a text message: 4 to 8 digits (a "123 456" or "123-456" pair counts as
 * one) in a message that also says code, OTP, PIN, passcode or verification. Without such a word a
 * number is just a number (an order, a price, a street), so nothing is offered.
 */
const KEYWORDS = /\b(code|codes|otp|pin|passcode|password|verification|verify|one[- ]time|2fa|mfa|security)\b/i;
const CANDIDATE = /(?<![\d+$€£.,:/]|\d-)(\d{3}[- ]\d{3}|\d{4,8})(?![\d.,:/-]\d|%|\d)/g;

export function findOneTimeCode(text: string): string | null {
  const keyword = KEYWORDS.exec(text);
  if (keyword === null) return null;
  let best: { code: string; distance: number } | null = null;
  for (const match of text.matchAll(CANDIDATE)) {
    const raw = match[1] ?? '';
    const code = raw.replace(/[- ]/g, '');
    if (code.length < 4 || code.length > 8) continue;
    const at = match.index;
    // The nearest number to the keyword wins: "Your code is 4821. Ref 99120" gives 4821.
    const distance = Math.abs(at - keyword.index);
    if (best === null || distance < best.distance) best = { code, distance };
  }
  return best?.code ?? null;
}
