import { describe, expect, it } from 'vitest';
import { redactText } from '../redact.js';
import { secretsDetector } from './secrets-detector.js';

const find = (text: string) => secretsDetector.detect(text, { field: 'prompt' });

// Assembled at run time so that no scanner flags this file as holding real credentials.
const j = (...p: string[]) => p.join('');
const PEM = j(
  '-----BEGIN ',
  'RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7',
  'x'.repeat(60),
  '\nAbCdEf==\n-----END RSA PRIVATE KEY-----',
);
const JWT = j(
  'eyJhbGciOiJIUzI1NiJ9',
  '.eyJzdWIiOiIxMjM0NTY3ODkwIn0',
  '.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
);

describe('secrets', () => {
  it.each([
    ['secret.aws_access_key', j('AKIA', 'IOSFODNN7EXAMPLE')],
    ['secret.aws_secret_key', j('aws_secret_access_key = ', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')],
    [
      'secret.gcp_service_account',
      j('{"type": "service_account", "private_key_id": "', 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0', '"}'),
    ],
    [
      'secret.azure_connection_string',
      j(
        'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=',
        'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3A=',
        ';EndpointSuffix=core.windows.net',
      ),
    ],
    ['secret.openai_api_key', j('sk-proj-', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd')],
    ['secret.anthropic_api_key', j('sk-ant-api03-', 'A'.repeat(40), 'b'.repeat(40), '-AAAA')],
    ['secret.github_token', j('ghp_', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789')],
    ['secret.slack_token', j('xoxb-', '1234567890-0987654321-AbCdEfGhIjKlMnOp')],
    ['secret.stripe_key', j('sk_live_', '4eC39HqLyjWDarjtT1zdp7dc')],
    ['secret.private_key', PEM],
    ['secret.jwt', JWT],
    ['secret.generic', j('api_key: "', 'Xk9mQ2vL8pR4tW7zY1bN6cF3hJ5', '"')],
    ['secret.generic', j('Authorization: Bearer ', 'f81d4fae7dec11d0a76500a0c91e6bf6XyZ')],
  ])('%s', (category, secret) => {
    const text = `config follows: ${secret} -- end`;
    const found = find(text);
    expect(found.map((f) => f.category)).toContain(category);
  });

  it('leaves no part of a secret behind after redaction', () => {
    const secrets = [
      PEM,
      JWT,
      j('sk-proj-', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd'),
      j('AKIA', 'IOSFODNN7EXAMPLE'),
    ];
    for (const s of secrets) {
      const text = `here: ${s} thanks`;
      const out = redactText(text, find(text));
      expect(out).toContain('[SECRET]');
      for (let i = 0; i + 12 <= s.length; i += 6) expect(out).not.toContain(s.slice(i, i + 12));
    }
  });

  it('removes a private key cut off before its END line', () => {
    const cut = PEM.slice(0, 60);
    const out = redactText(`key ${cut}`, find(`key ${cut}`));
    expect(out).toBe('key [SECRET]');
  });

  it('does not flag ordinary words next to key-like labels', () => {
    for (const t of [
      'the token limit is 4096 for this model',
      'password reset instructions are in the wiki',
      'secret: santa-claus-gift-exchange',
    ]) {
      expect(find(t)).toEqual([]);
    }
  });
});
