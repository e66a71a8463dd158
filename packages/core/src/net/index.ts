export {
  ADDRESS_KIND_DESCRIPTIONS,
  type AddressKind,
  type AddressPolicy,
  CLOUD_METADATA_ADDRESSES,
  classifyAddress,
  isForbiddenAddress,
} from './forbidden-address.js';
export { formatIpv4, ipVersion, parseIpv4, parseIpv6 } from './ip-address.js';
export {
  type PinnedAddress,
  type PinnedLookup,
  type PinnedLookupCallback,
  type PinnedLookupOptions,
  pinnedLookup,
} from './pinned-lookup.js';
export { redactUrl } from './redact-url.js';
export { followRedirects, MAX_SOURCE_REDIRECTS, type SourceHop } from './redirects.js';
export {
  checkSourceAddresses,
  literalAddress,
  type ResolveHost,
  type SourceAddressPolicy,
} from './source-addresses.js';
export { detectSourceType } from './source-type.js';
export { filenameOfUrl, parseSourceUrl } from './source-url.js';
export {
  UrlSourceError,
  type UrlSourceErrorCode,
  type UrlSourceErrorDetails,
} from './url-source-error.js';
