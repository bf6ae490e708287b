import type { AccessRule } from '../identity/permissions.js';
import type { Actor } from '../identity/actor.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. Required on every route: the app refuses to start otherwise. */
    access?: AccessRule;
    /** Skip the audit event for refused requests on this route (static assets, public pages). */
    quietRefusals?: boolean;
    /**
     * The security headers every answer of this route carries instead of the platform's (the
     * public sites' set, with their own CSP), set before any hook can refuse (security-headers.ts).
     */
    securityHeaders?: Readonly<Record<string, string>>;
    /**
     * The handler reads and validates the body itself (multipart uploads, which answer 415 to
     * anything else; a letter as JSON or multipart): a route without a body schema otherwise
     * takes no body (undeclared-input.ts).
     */
    bodyReadByHandler?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}

export {};
