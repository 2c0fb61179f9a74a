// A client PC talks to exactly the pinned host: its address, its certificate.
import { describe, expect, it } from 'vitest';
import {
  electronFingerprintMatches,
  isAllowedOfficeRequest,
  parseConnectArgs,
} from '../../../src/main/network/clientPolicy';

const FP = '7D:22:44:E8:5E:BE:52:8E:04:54:09:66:C3:2E:4B:5D:54:16:28:10:AD:E5:2A:F6:58:C9:35:A0:3D:37:70:AF';

describe('连接办公室台账 from the command line', () => {
  it('takes the address and the fingerprint', () => {
    expect(parseConnectArgs(['--connect', 'https://192.168.1.10:8443/', '--fingerprint', FP])).toEqual({
      origin: 'https://192.168.1.10:8443',
      fingerprint: FP,
    });
  });
  it('refuses plain http and a missing fingerprint with the reason', () => {
    expect(parseConnectArgs(['--connect', 'http://192.168.1.10:8443', '--fingerprint', FP])).toEqual({
      error: '办公室台账只能通过 https 连接',
    });
    expect(parseConnectArgs(['--connect', 'https://192.168.1.10:8443'])).toMatchObject({
      error: expect.stringMatching(/证书指纹/),
    });
    expect(parseConnectArgs([])).toBeNull();
  });
});

describe('the pinned certificate', () => {
  const base64 = Buffer.from(FP.replace(/:/g, ''), 'hex').toString('base64');
  it("matches Electron's sha256/base64 form of the same fingerprint", () => {
    expect(electronFingerprintMatches(`sha256/${base64}`, FP)).toBe(true);
    expect(electronFingerprintMatches(`sha256/${base64}`, FP.toLowerCase().replace(/:/g, ' '))).toBe(true);
  });
  it('does not match a changed certificate', () => {
    const other = Buffer.from('00'.repeat(32), 'hex').toString('base64');
    expect(electronFingerprintMatches(`sha256/${other}`, FP)).toBe(false);
  });
});

describe('requests from a client window', () => {
  const origin = 'https://192.168.1.10:8443';
  it('go to the pinned host only', () => {
    expect(isAllowedOfficeRequest('https://192.168.1.10:8443/api', origin)).toBe(true);
    expect(isAllowedOfficeRequest('https://192.168.1.10:9443/api', origin)).toBe(false);
    expect(isAllowedOfficeRequest('https://192.168.1.11:8443/', origin)).toBe(false);
    expect(isAllowedOfficeRequest('http://192.168.1.10:8443/', origin)).toBe(false);
    expect(isAllowedOfficeRequest('data:image/png;base64,AAAA', origin)).toBe(true);
  });
});
