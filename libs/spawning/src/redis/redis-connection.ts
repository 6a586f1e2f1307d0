// The fail-fast Redis connection moved to service-kit (the hunt API uses it too); kept here as
// a re-export so the spawner's imports stay put.
export { connectRedis, waitReady } from '@hunt/service-kit';
