/**
 * The simulated image registry: catalogued repositories with their tags and sizes (console
 * contract). A tag that is not listed for a catalogued repository fails to pull; images of
 * repositories that are not catalogued pull fine.
 */

interface Repository {
  tags: string[];
  /** Compressed size in bytes, as "Image size: N bytes" reports it. */
  size: number;
}

const CATALOG: ReadonlyMap<string, Repository> = new Map([
  [
    'quay.io/fluentd_elasticsearch/fluentd',
    { tags: ['v2.5.2', 'v3.0.1', 'v3.1.0', 'v4.0.0'], size: 139_513_812 },
  ],
  [
    'docker.io/calico/node',
    { tags: ['v3.20.0', 'v3.20.1', 'v3.25.0', 'v3.26.1', 'v3.28.0'], size: 96_287_521 },
  ],
  [
    'docker.io/prom/node-exporter',
    { tags: ['v1.3.1', 'v1.5.0', 'v1.6.1', 'v1.8.2', 'latest'], size: 11_472_346 },
  ],
  [
    'docker.elastic.co/beats/filebeat',
    { tags: ['7.15.0', '7.17.0', '8.5.0', '8.11.0'], size: 104_635_219 },
  ],
  [
    'docker.io/library/busybox',
    { tags: ['latest', '1.35', '1.36', '1.36.1', '1.37'], size: 2_155_227 },
  ],
  [
    'docker.io/library/nginx',
    { tags: ['latest', '1.25', '1.26', '1.27', 'stable', 'alpine'], size: 72_956_331 },
  ],
]);

export interface ImageReference {
  /** As written in the pod spec. */
  original: string;
  /** e.g. docker.io/library/nginx */
  repository: string;
  tag: string;
  /** e.g. docker.io/library/nginx:1.27 (what containerStatuses[].image shows). */
  full: string;
}

const parsedImages = new Map<string, Readonly<ImageReference>>();

/**
 * From an image as written (`nginx`, `calico/node:v3.20.0`, `quay.io/x/y:t`), its normalised
 * reference (docker's reference.ParseNormalizedNamed). The kubelet asks at every step of every
 * pod and a cluster uses a handful of images, so answers are kept (frozen, shared; the cache is
 * emptied if an unusual run fills it).
 */
export function parseImage(image: string): Readonly<ImageReference> {
  let ref = parsedImages.get(image);
  if (!ref) {
    if (parsedImages.size >= 1000) parsedImages.clear();
    parsedImages.set(image, (ref = Object.freeze(computeImageReference(image))));
  }
  return ref;
}

function computeImageReference(image: string): ImageReference {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const firstSlash = rest.indexOf('/');
  const first = firstSlash >= 0 ? rest.slice(0, firstSlash) : '';
  const hasDomain =
    firstSlash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasDomain ? rest : `docker.io/${rest}`;
  if (!hasDomain && firstSlash < 0) repository = `docker.io/library/${rest}`;
  if (tag === '' && digest === '') tag = 'latest';
  const full = digest ? `${repository}${digest}` : `${repository}:${tag}`;
  return { original: image, repository, tag, full };
}

export type PullResult = { ok: true; size: number } | { ok: false; message: string };

/** From an image as written, whether it pulls, with its size or containerd's error. */
export function pullImage(image: string): PullResult {
  const ref = parseImage(image);
  const repo = CATALOG.get(ref.repository);
  if (!repo) return { ok: true, size: 50_000_000 + (hashString(ref.full) % 50_000_000) };
  if (ref.tag === '' || repo.tags.includes(ref.tag)) return { ok: true, size: repo.size };
  // containerd's wording for a missing tag (pkg/kubelet/images/image_manager.go wraps it).
  const message = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`;
  return { ok: false, message };
}

/** The catalogued repositories and their tags (for lessons and docs). */
export function catalog(): { repository: string; tags: string[] }[] {
  return [...CATALOG.entries()].map(([repository, r]) => ({ repository, tags: [...r.tags] }));
}

/** From a string, a 32-bit FNV-1a hash. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** From a string, a deterministic 64-hex-digit digest-like string (image IDs, container IDs). */
export function fakeDigest(s: string): string {
  // Eight mixed words written as hex codes into one buffer, made a string once (every
  // container start asks for one).
  let h = hashString(s);
  const out = DIGEST_BUFFER;
  for (let w = 0; w < 8; w++) {
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
    for (let j = 0; j < 8; j++) out[w * 8 + j] = HEX[(h >>> (28 - 4 * j)) & 15];
  }
  return String.fromCharCode.apply(null, out);
}

const HEX = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const DIGEST_BUFFER: number[] = new Array<number>(64).fill(0);
