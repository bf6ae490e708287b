// Public surface of the outbound-HTTP guard. Platform code fetches outside
// URLs only through createSafeFetcher; the helpers are exported for forms and
// other validators that must agree with it exactly.
export { checkUrl, type CheckedUrl, type CheckUrlOptions } from './check-url.js';
export { classifyAddress, type AddressClass } from './classify-address.js';
export {
  compileAllowList,
  isHostAllowListed,
  parseAllowListSetting,
  type AllowListInput,
  type CompiledAllowList,
} from './compile-allow-list.js';
export {
  createSafeFetcher,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  type SafeFetch,
  type SafeFetcherOptions,
  type SafeFetchInit,
  type SafeFetchResult,
} from './create-safe-fetcher.js';
export { isAddressAllowed } from './is-address-allowed.js';
export { OutboundRefusedError, type OutboundRefusedCode } from './outbound-refused-error.js';
export { parseHostToIp } from './parse-host-to-ip.js';
export { defaultResolver, resolveTarget, type ResolvedTarget, type ResolveTargetOptions, type Resolver } from './resolve-target.js';
