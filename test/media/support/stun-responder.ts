/**
 * A minimal STUN server for tests and measurements: answers every Binding request at once with
 * the sender's address (XOR-MAPPED-ADDRESS), on an address of this namespace. It lets stock
 * werift (which always queries a STUN server during gathering) run without any traffic leaving
 * the machine.
 */
import { createSocket, type Socket } from 'node:dgram';
import { classes, Message, methods, parseMessage } from 'werift';

/** A running responder. */
export interface StunResponder {
  /** Bound address. */
  readonly address: string;
  /** Bound port. */
  readonly port: number;
  /** `stun:<address>:<port>`, ready for `iceServers`. */
  readonly url: string;
  /** Binding requests answered so far. */
  readonly answered: number;
  /** Closes the socket. */
  close(): Promise<void>;
}

/**
 * Starts a responder on `address` (default loopback) and an ephemeral port.
 *
 * @param address - an own address, e.g. `10.200.0.1` inside the private namespace
 */
export async function startStunResponder(address = '127.0.0.1'): Promise<StunResponder> {
  const socket: Socket = createSocket('udp4');
  let answered = 0;
  socket.on('message', (data, rinfo) => {
    const request = parseMessage(data);
    if (!request || request.messageMethod !== methods.BINDING || request.messageClass !== classes.REQUEST)
      return;
    const response = new Message(methods.BINDING, classes.RESPONSE, request.transactionId);
    response.setAttribute('XOR-MAPPED-ADDRESS', [rinfo.address, rinfo.port]).addFingerprint();
    answered++;
    socket.send(response.bytes, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, address, () => resolve());
  });
  const { port } = socket.address();
  return {
    address,
    port,
    url: `stun:${address}:${port}`,
    get answered() {
      return answered;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
