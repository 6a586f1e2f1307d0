import type { FastifyPluginAsyncZod } from '../http/zod-plugin';
import type { HuntRouteDeps } from './deps';
import { errorBody, leaderboardQuery, leaderboardResponse, playerResponse } from './schemas';

/** The caller's own player record and the leaderboard, both from the loot-service. */
export const playerRoutes: FastifyPluginAsyncZod<HuntRouteDeps> = async (app, { loot }) => {
  const failures = { 401: errorBody, 429: errorBody, 503: errorBody };

  app.get(
    '/v1/players/me',
    {
      schema: {
        summary: "The caller's score, combo multiplier and inventory",
        response: { 200: playerResponse, ...failures },
      },
    },
    async (req) => loot.getPlayer(req.playerId),
  );

  app.get(
    '/v1/leaderboard',
    {
      schema: {
        summary: 'Top players of a season (default: the running one)',
        querystring: leaderboardQuery,
        response: { 200: leaderboardResponse, 400: errorBody, ...failures },
      },
    },
    async (req) => loot.getLeaderboard(req.query.season ?? '', req.query.limit ?? 10),
  );
};
