import { connect } from 'janus-xstate';
import { startJanus } from 'janus-xstate/testing';

// A private Janus on free loopback ports, in a temporary config folder (needs Debian's `janus`).
const server = await startJanus({
  plugins: ['echotest', 'textroom'], // default: most stock plugins
  sessionTimeoutS: 30, // default 60
  demoRooms: false, // the default: no stock room 1234
  extraFiles: {
    // Your own plugin config replaces the built-in one: here a TextRoom with one room.
    'janus.plugin.textroom.jcfg': 'general: { json = "plain" }\nroom-42: { description = "lobby" }\n',
  },
});
try {
  console.log(`ws ${server.wsUrl}, http ${server.httpUrl}, admin ${server.adminHttpUrl}`);
  const janus = await connect(server.wsUrl);
  const session = await janus.createSession();
  const textroom = await session.attach('janus.plugin.textroom');
  const { data } = await textroom.message({ request: 'exists', room: 42 });
  console.log(`room 42 exists: ${data.exists}`);

  // The admin API, with the server's admin_secret added for you.
  const sessions = await server.adminRequest({ janus: 'list_sessions' });
  console.log(`sessions: ${JSON.stringify(sessions.sessions)}`);

  await session.destroy();
  await janus.close();
} finally {
  await server.stop(); // SIGTERM, then removes the config folder
}
