/**
 * The real kubectl v1.32 as an oracle for tests: a small stub API server in Node (discovery,
 * object GET/POST/PATCH, lists) and a runner that calls the installed client against it with an
 * isolated HOME, cache and kubeconfig. It shows how kubectl reads YAML (`create --dry-run=client
 * -o json`) and which request it sends for apply, patch, label, taint or set image (or that it
 * sends none). `get` tables are printed by the server, so they are not this oracle's business.
 *
 * No dependencies beyond Node. Suites call `kubectlAvailable()` and skip loudly without it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The v1.32.5 client; /usr/bin/kubectl is a dispatcher that picks a version by the server's. */
export const KUBECTL_PATH =
  process.env.KUBECTL_ORACLE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

/** Whether the oracle's kubectl is installed on this machine. */
export function kubectlAvailable(): boolean {
  return existsSync(KUBECTL_PATH);
}

/**
 * Prints, once per suite, why the suite is skipped, so a machine without kubectl never passes
 * silently. Returns whether kubectl is available.
 */
export function requireKubectl(suite: string): boolean {
  if (kubectlAvailable()) return true;
  console.warn(
    `\n!!! ${suite}: SKIPPED, kubectl oracle not found at ${KUBECTL_PATH} (install the Google Cloud SDK kubectl 1.32 or set KUBECTL_ORACLE)\n`,
  );
  return false;
}

/** One resource the stub's discovery documents announce. */
interface ResourceInfo {
  name: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Group/version path prefix: `/api/v1` or `/apis/apps/v1`. */
  prefix: string;
}

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

const RESOURCES: ResourceInfo[] = [
  { name: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'], prefix: '/api/v1' },
  { name: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], prefix: '/api/v1' },
  {
    name: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    prefix: '/api/v1',
  },
  {
    name: 'configmaps',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
    prefix: '/api/v1',
  },
  { name: 'secrets', kind: 'Secret', namespaced: true, prefix: '/api/v1' },
  { name: 'services', kind: 'Service', namespaced: true, shortNames: ['svc'], prefix: '/api/v1' },
  { name: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'], prefix: '/api/v1' },
  {
    name: 'daemonsets',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
    prefix: '/apis/apps/v1',
  },
  {
    name: 'controllerrevisions',
    kind: 'ControllerRevision',
    namespaced: true,
    prefix: '/apis/apps/v1',
  },
];

/** The group/version prefix of an apiVersion (`v1` → `/api/v1`, `apps/v1` → `/apis/apps/v1`). */
function prefixOf(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

function resourceList(groupVersion: string, prefix: string): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: RESOURCES.filter((r) => r.prefix === prefix).map((r) => ({
      name: r.name,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: VERBS,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    })),
  };
}

/** One request the stub received (discovery and version requests are not recorded). */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  contentType?: string;
  /** The body as sent; `json` is its parse when it is JSON. */
  body: string;
  json?: unknown;
}

/** From a live object, a patch body and its content type, the object the server answers with. */
export type PatchResponder = (live: JsonObject, body: unknown, contentType: string) => JsonObject;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = Record<string, any>;

/** The path of an object on the API server (`/apis/apps/v1/namespaces/default/daemonsets/x`). */
export function objectPath(object: JsonObject): string {
  const kind = object.kind as string;
  const resource = RESOURCES.find((r) => r.kind === kind);
  if (!resource) throw new Error(`kubectl oracle: no resource for kind ${kind}`);
  const ns = object.metadata?.namespace ?? 'default';
  const collection = resource.namespaced
    ? `${prefixOf(object.apiVersion as string)}/namespaces/${ns}/${resource.name}`
    : `${prefixOf(object.apiVersion as string)}/${resource.name}`;
  return `${collection}/${object.metadata.name as string}`;
}

/** RFC 7386 merge patch, enough for the stub's answers to merge patches. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: JsonObject =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch as JsonObject)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * The default PATCH answer: a merge patch is applied; for any other patch type the live object is
 * returned unchanged (the stub does not implement strategic merge; recorded bodies are the point).
 */
const defaultPatchResponder: PatchResponder = (live, body, contentType) =>
  contentType.startsWith('application/merge-patch+json')
    ? (mergePatch(live, body) as JsonObject)
    : live;

/**
 * A stub API server: discovery for the playground's kinds, and GET, POST, PATCH, PUT and DELETE
 * over a set of live objects, recording every non-discovery request.
 */
export class StubApiServer {
  readonly requests: RecordedRequest[] = [];
  /**
   * What a `?watch=true` request is answered with: these watch events (`{type, object}`), one
   * JSON document each, then the end of the stream (kubectl's watch then ends, exit 0).
   */
  watchEvents: JsonObject[] = [];
  /**
   * When set, requests that ask for a Table (`Accept: ...;as=Table`, kubectl's human-readable
   * `get`) are answered with the Table this makes of the objects, lists, single objects and
   * each watch event's object alike, as the API server's table convertor does.
   */
  tableFor: ((objects: JsonObject[]) => JsonObject) | undefined;
  private objects = new Map<string, JsonObject>();
  private server: Server | undefined;
  port = 0;

  /** How PATCH is answered; `reset` puts back the one given at construction unless told. */
  private patchResponder: PatchResponder;

  constructor(private readonly defaultResponder: PatchResponder = defaultPatchResponder) {
    this.patchResponder = defaultResponder;
  }

  /**
   * Replaces the live objects, forgets recorded requests and sets how PATCH is answered (for
   * example with the playground's own strategic merge, so `kubectl patch` can tell a change).
   */
  reset(objects: readonly JsonObject[], patchResponder?: PatchResponder): void {
    this.patchResponder = patchResponder ?? this.defaultResponder;
    this.objects.clear();
    this.requests.length = 0;
    this.watchEvents = [];
    this.tableFor = undefined;
    for (const o of objects) this.objects.set(objectPath(o), structuredClone(o));
  }

  /** The live object at a path (after the requests so far), if any. */
  get(path: string): JsonObject | undefined {
    return this.objects.get(path);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://stub');
    const path = url.pathname.replace(/\/$/, '');
    const send = (status: number, value: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const discovery = this.discovery(path);
    if (discovery !== undefined) {
      if (discovery === null) send(404, notFound('', path));
      else send(200, discovery);
      return;
    }
    let json: unknown;
    try {
      json = body === '' ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    const contentType = req.headers['content-type'];
    this.requests.push({
      method: req.method ?? 'GET',
      path,
      query: url.search,
      ...(contentType ? { contentType } : {}),
      body,
      ...(json !== undefined ? { json } : {}),
    });
    const method = req.method ?? 'GET';
    const live = this.objects.get(path);
    const tableFor = (req.headers.accept ?? '').includes('as=Table') ? this.tableFor : undefined;
    if (method === 'GET' && url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      for (const event of this.watchEvents) {
        const object = event.object as JsonObject;
        const sent = tableFor ? { ...event, object: tableFor([object]) } : event;
        res.write(`${JSON.stringify(sent)}\n`);
      }
      res.end();
      return;
    }
    if (method === 'GET') {
      if (live) return send(200, tableFor ? tableFor([live]) : live);
      const list = this.list(path) as JsonObject | undefined;
      if (list && tableFor) return send(200, tableFor(list.items as JsonObject[]));
      if (list) return send(200, list);
      return send(404, notFound(path.split('/').at(-2) ?? '', path.split('/').at(-1) ?? ''));
    }
    if (method === 'POST') {
      const object = { ...(json as JsonObject) };
      const itemPath = `${path}/${object.metadata?.name as string}`;
      if (this.objects.has(itemPath)) {
        return send(409, status(409, 'AlreadyExists', `"${object.metadata?.name}" already exists`));
      }
      object.metadata = { resourceVersion: '1', uid: 'stub-uid', ...object.metadata };
      this.objects.set(itemPath, object);
      return send(201, object);
    }
    if (method === 'PATCH' || method === 'PUT') {
      if (!live)
        return send(404, notFound(path.split('/').at(-2) ?? '', path.split('/').at(-1) ?? ''));
      const next =
        method === 'PUT'
          ? (json as JsonObject)
          : this.patchResponder(live, json, contentType ?? '');
      this.objects.set(path, next);
      return send(200, next);
    }
    if (method === 'DELETE') {
      if (!live)
        return send(404, notFound(path.split('/').at(-2) ?? '', path.split('/').at(-1) ?? ''));
      this.objects.delete(path);
      return send(200, live);
    }
    send(405, status(405, 'MethodNotAllowed', `method ${method} not allowed`));
  }

  /** A discovery answer, null for a path kubectl probes that the stub does not serve, or undefined. */
  private discovery(path: string): unknown {
    if (path === '/version') {
      return {
        major: '1',
        minor: '32',
        gitVersion: 'v1.32.5',
        platform: 'linux/amd64',
      };
    }
    if (path === '/api') {
      return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
    }
    if (path === '/api/v1') return resourceList('v1', '/api/v1');
    if (path === '/apis') {
      const version = { groupVersion: 'apps/v1', version: 'v1' };
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [{ name: 'apps', versions: [version], preferredVersion: version }],
      };
    }
    if (path === '/apis/apps/v1') return resourceList('apps/v1', '/apis/apps/v1');
    if (path.startsWith('/openapi')) return null;
    return undefined;
  }

  /** A list answer for a collection path (`/api/v1/namespaces/default/pods`), or undefined. */
  private list(path: string): unknown {
    for (const r of RESOURCES) {
      const clusterWide = `${r.prefix}/${r.name}`;
      const namespaced = new RegExp(`^${r.prefix}/namespaces/([^/]+)/${r.name}$`).exec(path);
      if (path !== clusterWide && !namespaced) continue;
      const items = [...this.objects.entries()]
        .filter(
          ([p]) => p.startsWith(`${path}/`) || (path === clusterWide && p.includes(`/${r.name}/`)),
        )
        .map(([, o]) => o);
      return {
        kind: `${r.kind}List`,
        apiVersion: r.prefix === '/api/v1' ? 'v1' : 'apps/v1',
        metadata: { resourceVersion: '1' },
        items,
      };
    }
    return undefined;
  }
}

function status(code: number, reason: string, message: string): unknown {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code };
}

function notFound(resource: string, name: string): unknown {
  return status(404, 'NotFound', `${resource} "${name}" not found`);
}

/** What one kubectl run printed. */
export interface KubectlRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** A scratch directory with a kubeconfig pointing at a server, and kubectl's isolated env. */
export class KubectlSandbox {
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'kubectl-oracle-'));
    const home = join(this.dir, 'home');
    mkdirSync(home);
    const kubeconfig = join(this.dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- cluster: {server: "http://127.0.0.1:${port}"}`,
        '  name: stub',
        'contexts:',
        '- context: {cluster: stub, user: stub, namespace: default}',
        '  name: stub',
        'current-context: stub',
        'users:',
        '- name: stub',
        '  user: {}',
        '',
      ].join('\n'),
    );
    this.env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      KUBECONFIG: kubeconfig,
      KUBECACHEDIR: join(this.dir, 'cache'),
    };
  }

  /** Runs kubectl with these arguments (plus `--cache-dir`), stdin optional, in the sandbox dir. */
  run(args: readonly string[], stdin?: string): Promise<KubectlRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(KUBECTL_PATH, [...args, `--cache-dir=${join(this.dir, 'cache')}`], {
        cwd: this.dir,
        env: this.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          code: code ?? -1,
        }),
      );
      child.stdin.end(stdin ?? '');
    });
  }

  /** Writes a file under the sandbox (a path relative to it) and returns its absolute path. */
  write(name: string, content: string | Uint8Array): string {
    const path = join(this.dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    return path;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A stub server and a sandbox, started together; `close()` ends both. */
export interface Oracle {
  server: StubApiServer;
  sandbox: KubectlSandbox;
  close(): Promise<void>;
}

/** Starts a stub server and a sandbox for it. */
export async function startOracle(patchResponder?: PatchResponder): Promise<Oracle> {
  const server = new StubApiServer(patchResponder);
  await server.start();
  const sandbox = new KubectlSandbox(server.port);
  return {
    server,
    sandbox,
    async close() {
      sandbox.dispose();
      await server.stop();
    },
  };
}

let shared: Promise<Oracle> | undefined;

/** One oracle per test process, reused by the helpers below (calls are serialized). */
function sharedOracle(): Promise<Oracle> {
  shared ??= startOracle();
  return shared;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs oracle work one at a time, since the shared stub holds one set of live objects. */
function serialized<T>(work: (oracle: Oracle) => Promise<T>): Promise<T> {
  const next = queue.then(async () => work(await sharedOracle()));
  queue = next.catch(() => undefined);
  return next;
}

/** Closes the shared oracle (call from `afterAll`); the next helper call starts a new one. */
export async function closeSharedOracle(): Promise<void> {
  const oracle = shared;
  shared = undefined;
  if (oracle) await (await oracle).close();
}

/** How kubectl read one file: the objects it produced in order, and its error text if any. */
export interface KubectlRead {
  objects: unknown[];
  /**
   * kubectl's error for this file with `error: ` and `error parsing FILE: ` taken off (so
   * `error converting YAML to JSON: yaml: line 3: ...`), the file's path written `FILE`, or
   * undefined when it read cleanly.
   */
  error?: string;
}

/** Sentinel ConfigMaps between cases tell which printed objects belong to which case. */
const SENTINEL = 'oracle-sentinel-';

/**
 * Reads files the way `kubectl create --dry-run=client -o json --validate=false -f DIR` does,
 * many per kubectl call: each file is a case, and the result for each says which objects kubectl
 * decoded from it and the error it reported. Files are strings (UTF-8) or raw bytes. Objects
 * without a registered kind (anything but the stub's kinds) are an error kubectl reports too.
 */
export function readYamlWithKubectl(
  files: readonly (string | Uint8Array)[],
  options: { batch?: number } = {},
): Promise<KubectlRead[]> {
  return serialized(async ({ sandbox }) => {
    const batch = options.batch ?? 300;
    const results: KubectlRead[] = [];
    for (let from = 0; from < files.length; from += batch) {
      results.push(...(await readBatch(sandbox, files.slice(from, from + batch), from)));
    }
    return results;
  });
}

async function readBatch(
  sandbox: KubectlSandbox,
  files: readonly (string | Uint8Array)[],
  base: number,
): Promise<KubectlRead[]> {
  const dirName = `read-${base}-${Date.now()}`;
  const dir = join(sandbox.dir, dirName);
  mkdirSync(dir);
  const names: string[] = [];
  files.forEach((content, i) => {
    // Zero-padded so kubectl's lexical walk visits case i, then sentinel i, then case i + 1.
    const id = String(i).padStart(6, '0');
    const name = `c${id}a.yaml`;
    names.push(name);
    writeFileSync(join(dir, name), content);
    writeFileSync(
      join(dir, `c${id}b.yaml`),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${SENTINEL}${i}\n`,
    );
  });
  const run = await sandbox.run([
    'create',
    '--dry-run=client',
    '-o',
    'json',
    '--validate=false',
    '-f',
    dir,
  ]);
  rmSync(dir, { recursive: true, force: true });
  const results: KubectlRead[] = files.map(() => ({ objects: [] }));
  let current = 0;
  for (const object of splitJsonStream(run.stdout)) {
    const name = (object as JsonObject)?.metadata?.name;
    if (typeof name === 'string' && name.startsWith(SENTINEL)) {
      current = Number(name.slice(SENTINEL.length)) + 1;
      continue;
    }
    results[current]?.objects.push(object);
  }
  let last = -1;
  for (const line of errorLines(run.stderr)) {
    const found = names.findIndex((n) => line.includes(`${dirName}/${n}`));
    // A line naming no file continues the error before it (`ensure CRDs are installed first`).
    const index = found >= 0 ? found : last;
    if (index < 0) throw new Error(`kubectl oracle: cannot place error line: ${line}`);
    last = index;
    // The file's path is the sandbox's; FILE stands for it so texts compare across runs.
    const text = line
      .replace(new RegExp(`/[^\\s"]*${escapeRegExp(`${dirName}/${names[index]}`)}`, 'g'), 'FILE')
      .replace(/^error: /, '')
      .replace(/^error parsing FILE: /, '');
    results[index].error =
      results[index].error === undefined ? text : `${results[index].error}\n${text}`;
  }
  return results;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The error lines of kubectl's stderr: one per line, or (for an aggregate) the items of
 * `error: [a, b]` are still printed one `error: ` line each by kubectl's CheckErr.
 */
function errorLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .filter((l) => !l.startsWith('Warning:') && !l.startsWith('W1') && !l.startsWith('I1'));
}

/** Splits kubectl's `-o json` output for several objects (one JSON document after another). */
export function splitJsonStream(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}

/**
 * The object `kubectl create --dry-run=client --save-config -o json -f FILE` makes of a file: a
 * live object for the stub whose last-applied annotation has kubectl's exact bytes.
 */
export function savedConfigObject(file: string): Promise<JsonObject> {
  return serialized(async ({ sandbox }) => {
    const path = sandbox.write(`saved-${Date.now()}.yaml`, file);
    const run = await sandbox.run([
      'create',
      '--dry-run=client',
      '--save-config',
      '-o',
      'json',
      '--validate=false',
      '-f',
      path,
    ]);
    rmSync(path, { force: true });
    if (run.code !== 0) throw new Error(`kubectl oracle: --save-config failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as JsonObject;
  });
}

/** What kubectl sent and printed for one command. */
export interface RecordedCommand extends KubectlRun {
  /** Writes only (POST, PUT, PATCH, DELETE); reads are in `all`. */
  writes: RecordedRequest[];
  all: RecordedRequest[];
  /** The live objects after the command, by path (as the stub's answers left them). */
  after: Map<string, JsonObject>;
}

/**
 * Runs `kubectl ARGS` against a stub serving these live objects and records what it sent. Files
 * (name → content) are written into the sandbox first, so `-f NAME` finds them; a `-` file reads
 * stdin from `stdin`; `patchResponder` answers PATCH (default: merge patches applied, other
 * patch types answered with the live object unchanged).
 */
export function recordCommand(
  args: readonly string[],
  liveObjects: readonly JsonObject[],
  options: {
    files?: Record<string, string>;
    stdin?: string;
    patchResponder?: PatchResponder;
    /** What a watch request streams (see StubApiServer.watchEvents). */
    watchEvents?: JsonObject[];
    /** How Table requests are answered (see StubApiServer.tableFor). */
    tableFor?: (objects: JsonObject[]) => JsonObject;
  } = {},
): Promise<RecordedCommand> {
  return serialized(async ({ server, sandbox }) => {
    server.reset(liveObjects, options.patchResponder);
    server.watchEvents = options.watchEvents ?? [];
    server.tableFor = options.tableFor;
    const written: string[] = [];
    for (const [name, content] of Object.entries(options.files ?? {})) {
      written.push(sandbox.write(name, content));
    }
    const run = await sandbox.run(args, options.stdin);
    for (const path of written) rmSync(path, { force: true });
    const all = [...server.requests];
    const after = new Map<string, JsonObject>();
    for (const o of liveObjects) {
      const path = objectPath(o);
      const now = server.get(path);
      if (now) after.set(path, now);
    }
    return { ...run, all, writes: all.filter((r) => r.method !== 'GET'), after };
  });
}

/**
 * `kubectl apply -f FILE --validate=false` against a stub serving `live` (none: the object is
 * created). Returns the recorded PATCH or POST (none when kubectl found nothing to send; its
 * stdout then says `unchanged`).
 */
export async function recordApply(input: {
  live?: JsonObject | readonly JsonObject[];
  file: string;
}): Promise<RecordedCommand & { request?: RecordedRequest }> {
  const live =
    input.live === undefined ? [] : Array.isArray(input.live) ? input.live : [input.live];
  const run = await recordCommand(
    ['apply', '--validate=false', '-f', 'apply.yaml'],
    live as JsonObject[],
    { files: { 'apply.yaml': input.file } },
  );
  return { ...run, request: run.writes.find((r) => r.method === 'PATCH' || r.method === 'POST') };
}
