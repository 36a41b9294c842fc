/**
 * A minimal STUN responder on loopback (RFC 5389 Binding → success with XOR-MAPPED-ADDRESS and
 * FINGERPRINT), so the admin API's `test_stun` can be exercised without traffic leaving the machine.
 * @module
 */
import { createSocket } from 'node:dgram';
import { crc32 } from 'node:zlib';

const MAGIC_COOKIE = 0x2112a442;

/** A running responder. */
export interface StunResponder {
  /** Its UDP port on 127.0.0.1. */
  port: number;
  /** The source port of the last Binding request answered. */
  lastClientPort(): number | undefined;
  /** Stops it. */
  close(): Promise<void>;
}

/** Starts a responder on a free loopback UDP port. */
export async function startStunResponder(): Promise<StunResponder> {
  const socket = createSocket('udp4');
  let lastPort: number | undefined;
  socket.on('message', (request, remote) => {
    if (request.length < 20 || request.readUInt16BE(0) !== 0x0001 || request.readUInt32BE(4) !== MAGIC_COOKIE)
      return;
    lastPort = remote.port;
    const xorAddress = Buffer.alloc(12);
    xorAddress.writeUInt16BE(0x0020, 0); // XOR-MAPPED-ADDRESS
    xorAddress.writeUInt16BE(8, 2);
    xorAddress.writeUInt8(0, 4);
    xorAddress.writeUInt8(0x01, 5); // IPv4
    xorAddress.writeUInt16BE(remote.port ^ (MAGIC_COOKIE >>> 16), 6);
    const ip = remote.address.split('.').reduce((value, octet) => (value << 8) | Number(octet), 0) >>> 0;
    xorAddress.writeUInt32BE((ip ^ MAGIC_COOKIE) >>> 0, 8);
    const header = Buffer.alloc(20);
    header.writeUInt16BE(0x0101, 0); // Binding success response
    header.writeUInt16BE(xorAddress.length + 8, 2); // attributes, FINGERPRINT included
    request.copy(header, 4, 4, 20); // magic cookie + transaction id
    const body = Buffer.concat([header, xorAddress]);
    const fingerprint = Buffer.alloc(8);
    fingerprint.writeUInt16BE(0x8028, 0);
    fingerprint.writeUInt16BE(4, 2);
    fingerprint.writeUInt32BE((crc32(body) ^ 0x5354554e) >>> 0, 4);
    socket.send(Buffer.concat([body, fingerprint]), remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    lastClientPort: () => lastPort,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
