import { describe, expect, it } from 'vitest';
import { describeSmsLength, smsLength } from '../../../shared/smsLength';

describe('smsLength', () => {
  it.each([
    ['', 'GSM-7', 0, 0, null],
    ['a'.repeat(160), 'GSM-7', 160, 1, null],
    ['a'.repeat(161), 'GSM-7', 161, 2, null],
    ['a'.repeat(306), 'GSM-7', 306, 2, null],
    ['a'.repeat(307), 'GSM-7', 307, 3, null],
    // The extension characters take two septets each.
    ['{'.repeat(80), 'GSM-7', 160, 1, null],
    ['€'.repeat(81), 'GSM-7', 162, 2, null],
    ['^ { } [ ] ~ \\ |', 'GSM-7', 23, 1, null],
    ['Grüße aus Köln, ¿qué tal? Ñ', 'GSM-7', 27, 1, null],
    ['a'.repeat(69) + '😀', 'Unicode', 71, 2, '😀'],
    ['é'.repeat(10) + 'ç', 'Unicode', 11, 1, 'ç'],
    ['Привет', 'Unicode', 6, 1, 'П'],
    ['x'.repeat(70) + 'ł', 'Unicode', 71, 2, 'ł'],
    ['ł'.repeat(134), 'Unicode', 134, 2, 'ł'],
    ['ł'.repeat(135), 'Unicode', 135, 3, 'ł'],
  ])('%j is %s, %i units, %i parts', (text, encoding, units, parts, cause) => {
    expect(smsLength(text)).toEqual({ encoding, units, parts, unicodeCause: cause });
  });

  it('never splits an escape pair across parts', () => {
    // 152 plain septets then '€': the pair does not fit in part one's last septet.
    expect(smsLength(`${'a'.repeat(152)}€${'a'.repeat(10)}`).parts).toBe(2);
    expect(smsLength(`${'a'.repeat(152)}€${'a'.repeat(152)}`).parts).toBe(3);
  });

  it('never splits a surrogate pair across parts', () => {
    expect(smsLength(`${'ł'.repeat(66)}😀${'ł'.repeat(66)}`).parts).toBe(3);
  });

  it('says how the text travels in words', () => {
    expect(describeSmsLength(smsLength('a'.repeat(200) + '😀'))).toBe('4 SMS parts · Unicode (😀)');
    expect(describeSmsLength(smsLength('hello'))).toBe('1 SMS part · GSM-7');
  });
});
