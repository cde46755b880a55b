import { describe, expect, it } from 'vitest';
import { findOneTimeCode } from '../../../shared/oneTimeCode';

describe('one-time codes', () => {
  it.each([
    ['Your verification code is 482913', '482913'],
    ['123456 is your Example code. Do not share it.', '123456'],
    ['Your OTP: 4821', '4821'],
    ['PIN 12345678 expires in 10 minutes', '12345678'],
    ['Use code 123-456 to sign in', '123456'],
    ['G-582011 is your Google verification code.', '582011'],
  ])('finds the code in "%s"', (text, code) => {
    expect(findOneTimeCode(text)).toBe(code);
  });

  it.each([
    'Meet me at 1234 Main Street',
    'Order 55512 has shipped',
    'Your code is 123',
    'Call me at 5552340001 about the code',
    'Call 555-234-0001 about the code',
    'Code red: the 2025.10 release is out',
  ])('offers nothing for "%s"', (text) => {
    expect(findOneTimeCode(text)).toBe(null);
  });
});
