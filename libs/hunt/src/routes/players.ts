import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HuntRouteDeps } from './deps';
import { leaderboardQuery, leaderboardResponse, playerResponse, withErrors } from './schemas';

/** The caller's own player record and the leaderboard, both from the loot-service. */
export const playerRoutes: FastifyPluginAsyncZod<HuntRouteDeps> = async (app, { loot }) => {
  app.get(
    '/v1/players/me',
    {
      config: { playerLimit: 'reads' },
      schema: {
        operationId: 'getMyPlayer',
        summary: "The caller's score, combo multiplier and inventory",
        response: withErrors(playerResponse, 401, 429, 503),
      },
    },
    async (req) => loot.getPlayer(req.playerId),
  );

  app.get(
    '/v1/leaderboard',
    {
      config: { playerLimit: 'reads' },
      schema: {
        operationId: 'getLeaderboard',
        summary: 'Top players of a season (default: the running one)',
        querystring: leaderboardQuery,
        response: withErrors(leaderboardResponse, 400, 401, 429, 503),
      },
    },
    async (req) => loot.getLeaderboard(req.query.season ?? '', req.query.limit ?? 10),
  );
};
