import { describe, expect, it } from 'vitest';
import { ibanValid } from './iban.js';
import { piiDetector } from './pii-detector.js';

const types = (text: string) => piiDetector.detect(text, { field: 'prompt' }).map((f) => f.category);
const spanOf = (text: string, category: string) => {
  const f = piiDetector.detect(text, { field: 'prompt' }).find((x) => x.category === category);
  return f ? text.slice(f.start, f.end) : undefined;
};

describe('PII with validation', () => {
  it.each([
    ['pii.email', 'Write to jane.doe+ops@mail.example.co.uk today', 'jane.doe+ops@mail.example.co.uk'],
    ['pii.phone', 'Call me on +44 20 7946 0958 after six', '+44 20 7946 0958'],
    ['pii.phone', 'my phone is 555-867-5309', '555-867-5309'],
    ['pii.phone', 'US office: (212) 555-0143 ext 2', '(212) 555-0143'],
    ['pii.phone', "They're not answering at 78 651 450", '78 651 450'],
    ['pii.phone', 'Name: Ada Lovelace, Fax: 9498777106', '9498777106'],
    ['pii.phone', 'Apt. 236, 781 1704 office', '781 1704'],
    ['pii.ssn', 'SSN 123-45-6789 on file', '123-45-6789'],
    ['pii.credit_card', 'card 4111 1111 1111 1111 exp 12/29', '4111 1111 1111 1111'],
    ['pii.credit_card', 'amex 3782-822463-10005', '3782-822463-10005'],
    ['pii.iban', 'Pay to GB82 WEST 1234 5698 7654 32 please', 'GB82 WEST 1234 5698 7654 32'],
    ['pii.iban', 'IBAN DE89370400440532013000', 'DE89370400440532013000'],
    ['pii.ip_address', 'login from 203.0.113.77 failed', '203.0.113.77'],
    ['pii.ip_address', 'client 2001:db8:85a3::8a2e:370:7334 connected', '2001:db8:85a3::8a2e:370:7334'],
    ['pii.date_of_birth', 'Patient born on 14/03/1987 in Leeds', '14/03/1987'],
    ['pii.date_of_birth', 'DOB: March 3, 1990', 'March 3, 1990'],
    ['pii.passport', 'Passport number: 533380006', '533380006'],
    ['pii.driver_license', "driver's license D1234567 issued in CA", 'D1234567'],
  ])('%s in "%s"', (category, text, value) => {
    expect(spanOf(text, category)).toBe(value);
  });

  it.each([
    ['SSN in a never-issued range', 'SSN 666-12-3456 and 912-34-5678 and 000-12-3456'],
    ['card failing the Luhn check', 'card 4111 1111 1111 1112'],
    ['Luhn-valid number with no issuer', 'ref 9999 9999 9999 9995'],
    ['IBAN with a bad checksum', 'IBAN GB82 WEST 1234 5698 7654 33'],
    ['a version string', 'upgrade to version 1.2.3.4 today'],
    ['a date with no birth context', 'The invoice is due on 14/03/2027.'],
    ['an id with no passport context', 'Order 533380006 shipped'],
    ['a short number with no phone label', 'We sold 555 1234 units'],
    ['a clock time', 'meet at 10:30:00 tomorrow'],
    ['an address after "office"', 'The Clean Power office is at 17031 2202 Rissik St'],
    ['an unseparated order number', 'Order number 9498777106 shipped on Monday'],
  ])('ignores %s', (_, text) => {
    expect(types(text)).toEqual([]);
  });

  it('gives every finding a span, a confidence and the redact flag', () => {
    const [f] = piiDetector.detect('mail bob@example.org', { field: 'response' });
    expect(f).toMatchObject({ category: 'pii.email', field: 'response', redact: true, start: 5, end: 20 });
    expect(f!.score).toBeGreaterThan(0.5);
  });

  it('validates IBAN checksums and per-country lengths', () => {
    expect(ibanValid('NL91ABNA0417164300')).toBe(true);
    expect(ibanValid('NL91ABNA041716430')).toBe(false);
    expect(ibanValid('XX91ABNA0417164300')).toBe(false);
  });
});
