/**
 * In-memory DTLS plumbing for unit tests: a werift `DtlsClient` playing Janus's part (DTLS
 * client, P-256 only, SRTP) against a werift `RTCDtlsTransport` as the peer connection creates
 * it, with no network at all. The client's packets enter through the transport's ICE connection
 * `onData` event, exactly where packets from the network arrive.
 */
import {
  CipherContext,
  DtlsClient,
  HashAlgorithm,
  NamedCurveAlgorithm,
  ProtectionProfileAes128CmHmacSha1_80,
  RTCCertificate,
  RTCDtlsParameters,
  type RTCDtlsTransport,
  SignatureAlgorithm,
} from 'werift';

/** The werift internals of `RTCDtlsTransport` the tests drive. */
interface TransportInternals {
  role: string;
  state: string;
  iceTransport: {
    connection: {
      onData: { execute(buf: Buffer): void };
      send: (buf: Buffer) => Promise<void>;
    };
  };
}

/** A client wired to one transport. */
export interface DtlsPeer {
  /** The werift DTLS client standing in for Janus. */
  readonly client: DtlsClient;
  /** Packets the transport's side sent to the client. */
  readonly fromTransport: Buffer[];
  /** Packets the client sent to the transport. */
  readonly toTransport: Buffer[];
  /** Resolves when the client side completed its handshake. */
  readonly clientConnected: Promise<void>;
  /** Stops the client and cuts the in-memory link (werift's retransmission timers keep running). */
  close(): void;
}

let certificate: Promise<{ certPem: string; keyPem: string; signatureHash: RTCCertificate['signatureHash'] }>;

/**
 * Wires a DTLS client to `transport` (whose `start()` has not been called yet) and makes the
 * transport the DTLS server with the client's fingerprint as the expected remote one.
 * Sends nothing until {@link DtlsPeer.client}`.connect()`.
 */
export async function dtlsPeerFor(transport: RTCDtlsTransport): Promise<DtlsPeer> {
  certificate ??= CipherContext.createSelfSignedCertificateWithKey(
    { signature: SignatureAlgorithm.ecdsa_3, hash: HashAlgorithm.sha256_4 },
    NamedCurveAlgorithm.secp256r1_23,
  );
  const { certPem, keyPem, signatureHash } = await certificate;
  const internals = transport as unknown as TransportInternals;
  const connection = internals.iceTransport.connection;
  const fromTransport: Buffer[] = [];
  const toTransport: Buffer[] = [];
  let deliverToClient: (buf: Buffer) => void = () => {};
  let closed = false;
  const client = new DtlsClient({
    cert: certPem,
    key: keyPem,
    signatureHash,
    srtpProfiles: [ProtectionProfileAes128CmHmacSha1_80],
    extendedMasterSecret: true,
    transport: {
      type: 'memory',
      address: {} as never,
      closed: false,
      set onData(handler: (buf: Buffer) => void) {
        deliverToClient = handler;
      },
      get onData() {
        return deliverToClient;
      },
      send: async (buf: Buffer) => {
        if (closed) return;
        toTransport.push(buf);
        setImmediate(() => connection.onData.execute(buf));
      },
      close: async () => {},
    },
  });
  // Janus (OpenSSL) offers P-256 only; werift's client would offer X25519 first.
  client.extensions = client.extensions.map((extension) =>
    extension.type === 10
      ? { type: 10, data: Buffer.from([0, 2, 0, NamedCurveAlgorithm.secp256r1_23]) }
      : extension,
  );
  connection.send = async (buf: Buffer) => {
    if (closed) return;
    fromTransport.push(buf);
    setImmediate(() => deliverToClient(buf));
  };
  internals.role = 'server';
  const fingerprints = new RTCCertificate(keyPem, certPem, signatureHash).getFingerprints();
  transport.setRemoteParams(new RTCDtlsParameters(fingerprints, 'client'));
  const clientConnected = new Promise<void>((resolve) => client.onConnect.once(() => resolve()));
  return {
    client,
    fromTransport,
    toTransport,
    clientConnected,
    close: () => {
      closed = true;
      client.close();
    },
  };
}
