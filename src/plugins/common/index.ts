/**
 * The plugin foundation every typed handle builds on: the two negotiation flows, the request-body
 * rule, one notice per event, the `stats()` shape and the shared types.
 * @module
 */
export { offerRequest } from './client-offers.js';
export { JanusOffers, type JanusOffersOptions, requireOffer } from './janus-offers.js';
export { MediaPluginHandle } from './media-handle.js';
export { mediaUp } from './media-up.js';
export { OnceNotices } from './once.js';
export { assertJanusBody, CLIENT_ONLY_KEYS, type EmptyRequest } from './request-body.js';
export { type MediaStats, StreamCounters, type StreamStats } from './stats.js';
export type * from './types.js';
