/**
 * The single error type thrown by the outbound-HTTP guard. Callers (route
 * handlers, job runners) map `code` to an HTTP problem or a link-check verdict,
 * so the codes are part of the public contract and must stay stable.
 */
export type OutboundRefusedCode =
  | 'net.refused_address'
  | 'net.bad_scheme'
  | 'net.bad_url'
  | 'net.too_many_redirects'
  | 'net.too_large'
  | 'net.timeout'
  | 'net.unresolvable';

export interface OutboundRefusedDetails {
  /** The URL (or redirect hop) that was being checked or fetched. */
  readonly url?: string;
  /** The offending IP address, for 'net.refused_address'. */
  readonly address?: string;
  readonly cause?: unknown;
}

export class OutboundRefusedError extends Error {
  readonly code: OutboundRefusedCode;
  readonly url: string | undefined;
  readonly address: string | undefined;

  constructor(code: OutboundRefusedCode, message: string, details: OutboundRefusedDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'OutboundRefusedError';
    this.code = code;
    this.url = details.url;
    this.address = details.address;
  }
}
