/** Manifest media types the client reads and writes. Schema 1 is never accepted. */
export const MediaType = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

/** The Accept header for manifest requests: indexes first so multi-arch images are never resolved to one platform. */
export const MANIFEST_ACCEPT = [MediaType.ociIndex, MediaType.dockerManifestList, MediaType.ociManifest, MediaType.dockerManifest].join(', ');

export const SUPPORTED_MANIFEST_TYPES: readonly string[] = [MediaType.ociIndex, MediaType.dockerManifestList, MediaType.ociManifest, MediaType.dockerManifest];

export function isIndexType(mediaType: string): boolean {
  return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;
}

/** A content descriptor as in OCI manifests and indexes. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { architecture: string; os: string; variant?: string; 'os.version'?: string; 'os.features'?: string[] };
  annotations?: Record<string, string>;
  /** Only in OCI artifacts. */
  artifactType?: string;
}

/** The parts of an image manifest or index the client needs to copy it. */
export interface ParsedManifest {
  schemaVersion: number;
  mediaType: string;
  /** Image manifest: config blob. */
  config?: Descriptor;
  /** Image manifest: layer blobs. */
  layers?: Descriptor[];
  /** Index / manifest list: child manifests. */
  manifests?: Descriptor[];
  /** OCI 1.1 referrers: the manifest this one refers to. */
  subject?: Descriptor;
}
