import type { AccessRule } from '../identity/permissions.js';
import type { Actor } from '../identity/actor.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. Required on every route: the app refuses to start otherwise. */
    access?: AccessRule;
    /** Skip the audit event for refused requests on this route (static assets, public pages). */
    quietRefusals?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}

export {};
