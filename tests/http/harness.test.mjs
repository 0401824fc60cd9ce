// Self-test of the harness helpers that need no server (TOTP against the RFC
// test vectors, base32), so a broken helper cannot masquerade as a server bug.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, hotp, totp, wrongTotp, assertNoSanitizerReport } from './harness.mjs';

const RFC_SECRET_ASCII = '12345678901234567890';
const RFC_SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('harness', () => {
  it('base32 decodes RFC 4648 text, with or without padding and in lower case', () => {
    assert.equal(base32Decode(RFC_SECRET_B32).toString('ascii'), RFC_SECRET_ASCII);
    assert.equal(base32Decode('MZXW6YTBOI======').toString('ascii'), 'foobar');
    assert.equal(base32Decode('mzxw6ytboi').toString('ascii'), 'foobar');
    assert.throws(() => base32Decode('MZXW1'), /invalid base32/);
  });

  it('HOTP matches the RFC 4226 appendix D values', () => {
    const key = Buffer.from(RFC_SECRET_ASCII, 'ascii');
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => assert.equal(hotp(key, counter), code));
  });

  it('TOTP matches the RFC 6238 appendix B SHA-1 values (last 6 digits)', () => {
    const vectors = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    const key = Buffer.from(RFC_SECRET_ASCII, 'ascii');
    for (const [t, code8] of vectors) {
      assert.equal(hotp(key, Math.floor(t / 30), 8), code8, `t=${t}`);
      assert.equal(totp(RFC_SECRET_B32, t * 1000), code8.slice(2), `t=${t}`);
    }
  });

  it('wrongTotp never returns a code valid within ±90 s', () => {
    const now = Date.now();
    const w = wrongTotp(RFC_SECRET_B32, now);
    assert.match(w, /^\d{6}$/);
    for (let i = -3; i <= 3; i++) assert.notEqual(w, totp(RFC_SECRET_B32, now + i * 30000));
  });

  it('assertNoSanitizerReport catches ASan, LSan and UBSan reports but not ordinary log lines', () => {
    const reports = [
      '==123==ERROR: AddressSanitizer: heap-use-after-free on address 0x6020',
      '==77==ERROR: LeakSanitizer: detected memory leaks',
      'src/http/router.c:42:7: runtime error: signed integer overflow',
      'SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior',
    ];
    for (const r of reports) assert.throws(() => assertNoSanitizerReport(`ts=2026-11-29T18:00:00.000Z level=info msg=listening\n${r}\n`), /sanitizer report/);
    assertNoSanitizerReport('ts=2026-11-29T18:00:00.000Z level=info msg=listening url=http://127.0.0.1:1\nts=2026-11-29T18:00:00.001Z level=warn msg="http library" detail="Error processing request (HTTP response code is 400). Closing connection."\n');
  });
});
