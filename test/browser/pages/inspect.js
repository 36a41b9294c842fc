// Inspection through the browser build: `@statelyai/inspect`'s WebSocket inspector (bundled for the browser
// by the test, served at /vendor/inspect.js) sends the page's actors to the test's receiver.
import { connect, EchoTest } from 'janus-xstate/browser';

let inspector;

/**
 * Connects with `inspect` pointed at the receiver on `inspectorUrl`, creates a session, attaches EchoTest,
 * sends one message, detaches and closes. Resolves with the ids the client reported; the inspector stays
 * open until {@link window.inspectStop}.
 */
window.inspectRun = async ({ url, inspectorUrl }) => {
  const { createWebSocketInspector } = await import('/vendor/inspect.js');
  inspector = createWebSocketInspector({ url: inspectorUrl });
  const janus = await connect(url, { inspect: inspector.inspect });
  const session = await janus.createSession();
  const echo = await session.attach(EchoTest);
  await echo.message({ audio: false });
  const ids = { sessionId: session.id, handleId: echo.id };
  await echo.detach();
  await session.destroy();
  await janus.close();
  return ids;
};

/** Stops the inspector (once the test has what it waited for: it sends over its own WebSocket). */
window.inspectStop = () => inspector?.stop();
