/**
 * @switchyard/registry — an OCI distribution (registry v2) client over Node's
 * http/https, no dependencies beyond kit.
 *
 * Stable API (used by build-image and promote-version):
 *
 * ```ts
 * import { RegistryClient, parseImageReference, copyImage } from '@switchyard/registry';
 *
 * const ref = parseImageReference('127.0.0.1:5001/shop/catalog:1.2.3');
 * //   → { registry: '127.0.0.1:5001', repository: 'shop/catalog', tag: '1.2.3' }
 * const client = new RegistryClient({ registry: ref.registry, username, password });
 * //   no username/password → Docker config ($DOCKER_CONFIG or ~/.docker/config.json `auths`)
 * const d = await client.headManifest(ref.repository, ref.tag!);
 * //   → { digest: 'sha256:…', mediaType, size } | undefined (not found)
 * client.close();
 * ```
 *
 * - `RegistryClient`: `ping`, `headManifest` (undefined on 404), `getManifest`
 *   (bytes verified; throws RegistryError 404), `putManifest`, `headBlob`
 *   (undefined on 404), `mountBlob`, `uploadBlob`, `getBlob`, `getBlobBytes`,
 *   `listTags`, `credentialSource`, `close`.
 * - `copyImage`: copy one digest (image or multi-arch index) between
 *   repositories/registries, then tag it.
 * - Scheme: `registryScheme` is the one rule — http for loopback registries and
 *   those matching `insecureRegistries` (exact host[:port], or an IP CIDR;
 *   `parseInsecureRegistry` checks an entry), https otherwise.
 * - `resolveCredentials`: explicit → Docker config `auths` (base64 `auth`,
 *   `username`/`password`, `identitytoken`) → credential helpers.
 * - Errors: `RegistryError` (status + registry error codes), `RegistryAuthError`
 *   (401/403), `DigestMismatchError`, `UnsupportedManifestError` (schema 1),
 *   `InvalidReferenceError` (a ConfigurationError), `PlainHttpRegistryError`
 *   (https met a plain-http registry), `RegistryNetworkError` (a refused TLS
 *   certificate at once; a connection error as the cause of kit's RetryError
 *   once retries are spent); every one a kit Failure (reported without a
 *   stack).
 */
export { RegistryClient, repositoryScope } from './client';
export { isTransient } from './transport';
export { sha256 } from './verify';
export type { RegistryClientOptions, ManifestDescriptor, Manifest, BlobDescriptor, BlobSource, UploadOptions } from './client';
export { copyImage, emptyCopyReport } from './copy';
export type { BlobCache, CopyImageOptions, CopyReport, RepositoryLocation } from './copy';
export { resolveCredentials, dockerConfigPath, normaliseAuthKey } from './credentials';
export type { Credentials, CredentialLookup } from './credentials';
export { parseWwwAuthenticate } from './challenge';
export type { AuthChallenge } from './challenge';
export {
  RegistryError,
  RegistryAuthError,
  DigestMismatchError,
  UnsupportedManifestError,
  RegistryNetworkError,
  PlainHttpRegistryError,
  notInInsecureRegistries,
} from './errors';
export type { RegistryErrorDetail } from './errors';
export { MediaType, MANIFEST_ACCEPT, SUPPORTED_MANIFEST_TYPES, isIndexType } from './media';
export type { Descriptor, ParsedManifest } from './media';
export {
  parseImageReference,
  formatImageReference,
  isValidTag,
  isValidDigest,
  isValidRepositoryPath,
  isValidRegistryHost,
  isLoopbackHost,
  parseInsecureRegistry,
  insecureRegistriesInput,
  registryScheme,
  registryEndpointHost,
  InvalidReferenceError,
  DOCKER_HUB,
  TAG_RE,
  DIGEST_RE,
  REPOSITORY_PATH_RE,
} from './reference';
export type { ImageReference } from './reference';
