/**
 * Operating a Janus with the Admin/Monitor API: list the sessions and their handles, look at one handle,
 * and add then remove a token. Run it with the admin URL and secret:
 *
 *   JANUS_ADMIN_URL=ws://127.0.0.1:7188 JANUS_ADMIN_SECRET=janusoverlord npx tsx examples/admin.ts
 *   JANUS_ADMIN_URL=http://127.0.0.1:7088/admin JANUS_ADMIN_SECRET=janusoverlord npx tsx examples/admin.ts
 *
 * (In your own project the import is `from 'janus-xstate'`.)
 */
import { connectAdmin, JanusError } from 'janus-xstate';

const admin = await connectAdmin(process.env.JANUS_ADMIN_URL ?? 'ws://127.0.0.1:7188', {
  adminSecret: process.env.JANUS_ADMIN_SECRET,
  requestTimeoutMs: 5_000,
});
try {
  const { status } = await admin.getStatus();
  console.log(
    `admin API of ${admin.serverInfo?.name} over ${admin.transportKind}: log level ${status.log_level}`,
  );
  const { sessions } = await admin.listSessions();
  console.log(`${sessions.length} session(s)`);
  for (const sessionId of sessions) {
    const { handles } = await admin.listHandles(sessionId);
    for (const handleId of handles) {
      const { info } = await admin.handleInfo(sessionId, handleId);
      console.log(
        `session ${sessionId} handle ${handleId}: ${info.plugin}, ICE ${info.webrtc?.ice.state ?? 'none'}`,
      );
    }
  }
  try {
    await admin.addToken('example-token', ['janus.plugin.echotest']);
    await admin.removeToken('example-token');
    console.log('added and removed a token');
  } catch (error) {
    // A server without token_auth answers 490 "Stored-Token based authentication disabled".
    if (!(error instanceof JanusError)) throw error;
    console.log(`tokens: ${error.code} (${error.janusCode})`);
  }
} finally {
  admin.close();
}
