import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform.js';

/**
 * The two HTTP tiers a process can serve (its roles `admin` and `public`, docs/scale-out.md):
 *
 * - `public`: the public sites (every path outside /api/, by Host) and the public API under
 *   /api/v1/public/ (letters, search, surveys, interviews and their event streams, comments…);
 * - `admin`: the console's API, i.e. the rest of /api/ (the console itself and the API docs are
 *   installed by buildApp next to it).
 *
 * The URL decides the tier, so a route plugin is listed once, under its tier, and buildApp
 * refuses to start when a plugin registers a route of the other tier: a console route can
 * never end up on a public-only process, nor a public one go missing from it.
 */
export type RouteTier = 'admin' | 'public';

export type RoutePlugin = (app: FastifyInstance, opts: { platform: Platform }) => Promise<void>;

/** Route plugins by the tier they belong to. */
export type TieredRoutes = Readonly<Record<RouteTier, readonly RoutePlugin[]>>;

export const PUBLIC_API_PREFIX = '/api/v1/public/';

export function tierOfUrl(url: string): RouteTier {
  return url.startsWith(PUBLIC_API_PREFIX) || !url.startsWith('/api/') ? 'public' : 'admin';
}

/** Registers one tier's plugins in a scope that checks every route's URL belongs to that tier. */
export async function registerTier(app: FastifyInstance, tier: RouteTier, plugins: readonly RoutePlugin[], platform: Platform): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      if (tierOfUrl(route.url) !== tier) {
        throw new Error(`${String(route.method)} ${route.url} is registered by a ${tier} route plugin but its URL belongs to the ${tierOfUrl(route.url)} tier (src/platform/http/route-tiers.ts)`);
      }
    });
    for (const plugin of plugins) await scope.register(plugin, { platform });
  });
}
