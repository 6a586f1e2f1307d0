export { huntService } from './hunt-composition';
export { mintToken, MIN_SECRET_LENGTH } from './auth/jwt';
export type { NearbyIndex } from './nearby/nearby-index';
