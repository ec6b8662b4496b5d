import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each check below first makes sure the guard is in place, so no test here can ever reach the addresses.
function expectGuardInstalled() {
  expect((globalThis as Record<symbol, unknown>)[Symbol.for('parley.outboundGuard')]).toBe(true);
}

const OUTSIDE = ['10.0.0.1', '169.254.169.254', '93.184.216.34', '2606:2800:220:1::1', 'example.com'];

let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer((_req, res) => res.end('loopback answers'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('outbound network in tests', () => {
  it.each(OUTSIDE)('refuses a TCP connection to %s before it is attempted', (host) => {
    expectGuardInstalled();
    const blocked = { code: 'ERR_OUTBOUND_BLOCKED', message: expect.stringContaining(`${host}:80`) };
    expect(() => net.connect(80, host)).toThrow(expect.objectContaining(blocked));
    expect(() => net.connect({ host, port: 80 })).toThrow(expect.objectContaining(blocked));
    expect(() => new net.Socket().connect(80, host)).toThrow(expect.objectContaining(blocked));
  });

  it('refuses TLS, HTTP and fetch to an outside address with the address named', async () => {
    expectGuardInstalled();
    expect(() => tls.connect({ host: '93.184.216.34', port: 443 })).toThrow(
      'Outbound network blocked in tests: 93.184.216.34:443 is not loopback',
    );
    expect(() => http.get('http://169.254.169.254/latest/meta-data/')).toThrow(
      'Outbound network blocked in tests: 169.254.169.254:80 is not loopback',
    );
    const failure = await fetch('http://10.0.0.1/').catch((err: Error) => err);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error & { cause?: Error }).cause).toMatchObject({
      code: 'ERR_OUTBOUND_BLOCKED',
      message: 'Outbound network blocked in tests: 10.0.0.1:80 is not loopback',
    });
  });

  it('refuses UDP datagrams to an outside address', () => {
    expectGuardInstalled();
    const socket = dgram.createSocket('udp4');
    try {
      expect(() => socket.send('x', 53, '10.0.0.1')).toThrow('10.0.0.1:53 is not loopback');
      expect(() => socket.send(Buffer.from('x'), 0, 1, 53, '169.254.169.254')).toThrow(
        '169.254.169.254:53 is not loopback',
      );
      expect(() => socket.connect(53, '93.184.216.34')).toThrow('93.184.216.34:53 is not loopback');
    } finally {
      socket.close();
    }
  });

  it('lets loopback through', async () => {
    expectGuardInstalled();
    for (const host of ['127.0.0.1', 'localhost']) {
      const res = await fetch(`http://${host}:${port}/`);
      expect(await res.text()).toBe('loopback answers');
    }
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.destroy();
  });

  it('is loaded in the Node processes a test starts', () => {
    expectGuardInstalled();
    // The child only tries the address once it knows the guard is loaded, so nothing can leave.
    const script = `
      if (!globalThis[Symbol.for('parley.outboundGuard')]) { console.log('no guard'); process.exit(0); }
      try { require('node:net').connect(80, '10.0.0.1'); console.log('connected'); }
      catch (err) { console.log(err.code + ' ' + err.message); }`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
    expect(out).toBe('ERR_OUTBOUND_BLOCKED Outbound network blocked in tests: 10.0.0.1:80 is not loopback');
  });
});
