export { huntService } from './hunt-composition';
export { mintToken, MIN_SECRET_LENGTH } from './auth/jwt';
export { createNearbyIndex, type NearbyIndex } from './nearby/nearby-index';
export { DEFAULT_NEARBY, DEFAULT_RADIUS_M, MAX_NEARBY } from './routes/schemas';
export { AWARD_LEAD_MS, startNearbyFeed, type NearbyFeedOptions } from './nearby/feed';
