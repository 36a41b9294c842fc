/**
 * Monitoring: a typed receiver for Janus's event handlers (`sampleevh`, `wsevh`).
 * @module
 */
export {
  EventReceiver,
  type EventReceiverEventMap,
  type EventReceiverOptions,
  listenForEvents,
} from './event-receiver.js';
export * from './event-types.js';
