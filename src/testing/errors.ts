/**
 * Errors thrown by the private-Janus launcher.
 *
 * @module
 */

/** The command that installs Janus on Debian and Ubuntu. */
export const JANUS_INSTALL_COMMAND = 'apt-get update && apt-get install -y --no-install-recommends janus';

/** The Janus executable (or its plugin folders) cannot be found. The message says how to install it. */
export class JanusNotInstalledError extends Error {
  /** The executable that was looked for. */
  readonly binary: string;

  /**
   * Creates the error, its message naming the install command.
   * @param binary - the executable that was looked for
   * @param detail - what exactly is missing; defaults to "no executable '<binary>'"
   */
  constructor(binary: string, detail?: string) {
    super(
      `Janus WebRTC Server not found (${detail ?? `no executable '${binary}'`}). ` +
        `Install it (as root) with: ${JANUS_INSTALL_COMMAND}`,
    );
    this.name = 'JanusNotInstalledError';
    this.binary = binary;
  }
}

/** Janus exited or did not become ready in time; the message ends with the tail of its log. */
export class JanusStartError extends Error {
  /** The last lines of the Janus log, when it was captured (empty otherwise). */
  readonly logTail: string;

  /**
   * Creates the error, with the log tail appended to the message.
   * @param message - what went wrong
   * @param logTail - the last lines of the log, if captured (empty otherwise)
   */
  constructor(message: string, logTail: string) {
    super(logTail ? `${message}\n--- last lines of the Janus log ---\n${logTail}` : message);
    this.name = 'JanusStartError';
    this.logTail = logTail;
  }
}
