// Tests reach loopback only. Loaded before every test file (the `setupFiles` of each Vitest project) and,
// through NODE_OPTIONS, in every Node process a test starts: a connection or datagram to any other address
// throws, naming the address, before a packet leaves (a host name other than `localhost` is refused before
// it is looked up).
import dgram from 'node:dgram';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const INSTALLED = Symbol.for('parley.outboundGuard');

/** True for 127.0.0.0/8, ::1 (also IPv4-mapped) and the name `localhost`. */
function isLoopback(host) {
  const name = String(host)
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost') {
    return true;
  }
  const v4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  if (net.isIPv4(v4)) {
    return v4.startsWith('127.');
  }
  return net.isIPv6(name) && /^(0{0,4}:){2,7}0{0,3}1$/.test(name);
}

class OutboundBlockedError extends Error {
  code = 'ERR_OUTBOUND_BLOCKED';
  constructor(address) {
    super(`Outbound network blocked in tests: ${address} is not loopback`);
    this.name = 'OutboundBlockedError';
    this.address = address;
  }
}

function refuseUnlessLoopback(host, port) {
  const target = host ?? 'localhost';
  if (!isLoopback(target)) {
    throw new OutboundBlockedError(`${target}:${port}`);
  }
}

/** The destination of `socket.connect(...)` in each of its forms; null for a Unix socket path. */
function streamTarget(args) {
  // net.connect() and http agents pass their normalised arguments as one array.
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  if (typeof first === 'object' && first !== null) {
    return typeof first.path === 'string' ? null : { host: first.host, port: first.port };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) {
    return null;
  }
  return { host: typeof second === 'string' ? second : undefined, port: first };
}

function install() {
  if (globalThis[INSTALLED]) {
    return;
  }
  globalThis[INSTALLED] = true;

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const target = streamTarget(args);
    if (target) {
      refuseUnlessLoopback(target.host, target.port);
    }
    return connect.apply(this, args);
  };

  const send = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function guardedSend(...args) {
    // send(msg, offset, length, port, address, cb) or send(msg, port, address, cb); a connected socket
    // passed its address to connect(), checked there.
    const hasRange = typeof args[2] === 'number';
    const port = hasRange ? args[3] : args[1];
    const address = hasRange ? args[4] : args[2];
    if (port !== undefined && typeof port !== 'function') {
      refuseUnlessLoopback(typeof address === 'string' ? address : undefined, port);
    }
    return send.apply(this, args);
  };
  const connectDatagram = dgram.Socket.prototype.connect;
  dgram.Socket.prototype.connect = function guardedDatagramConnect(port, address, ...rest) {
    refuseUnlessLoopback(typeof address === 'string' ? address : undefined, port);
    return connectDatagram.call(this, port, address, ...rest);
  };

  // Processes the tests start (the server, scripts) load this guard too.
  const option = `--import=${fileURLToPath(import.meta.url)}`;
  const current = process.env.NODE_OPTIONS ?? '';
  if (!current.includes(option)) {
    process.env.NODE_OPTIONS = `${current} ${option}`.trim();
  }
}

install();
