import { Readable } from 'node:stream';
import { addSecret } from '@switchyard/kit';
import { parseWwwAuthenticate, type AuthChallenge } from './challenge';
import { resolveCredentials, type Credentials } from './credentials';
import { RegistryAuthError, RegistryError } from './errors';
import { detail, header, registryErrors, RETRY_STATUS, unexpected, type Exchange, type Response, type Transport } from './transport';

/** Where the credentials for a registry come from. */
export interface AuthOptions {
  /** Explicit credentials (both or neither). Without them the Docker config file is read. */
  username?: string;
  password?: string;
  /** Directory holding the Docker config.json (default $DOCKER_CONFIG, else ~/.docker). */
  dockerConfigDir?: string;
  /** Already resolved credentials; `null` forces anonymous access. Overrides username/password/dockerConfigDir. */
  credentials?: Credentials | null;
}

interface Token {
  value: string;
  expires: number;
}

/**
 * Authentication against one registry: pings `/v2/` once for its challenge;
 * answers Basic challenges with the credentials and Bearer challenges through
 * the token service (scope `repository:<name>:pull,push`, tokens cached per
 * scope set until they expire). Credentials are resolved lazily, once.
 */
export class Authenticator {
  private credentials: Promise<Credentials | undefined> | undefined;
  private challenge: Promise<AuthChallenge | undefined> | undefined;
  private readonly tokens = new Map<string, Token>();

  constructor(
    private readonly registry: string,
    private readonly transport: Transport,
    private readonly opts: AuthOptions,
  ) {
    if (opts.credentials !== undefined) this.credentials = Promise.resolve(opts.credentials ?? undefined);
    if (opts.password) addSecret(opts.password);
  }

  getCredentials(): Promise<Credentials | undefined> {
    this.credentials ??= resolveCredentials(this.registry, this.opts);
    return this.credentials;
  }

  /** The registry's auth challenge from an anonymous `GET /v2/` (cached; undefined = no auth). */
  getChallenge(): Promise<AuthChallenge | undefined> {
    if (!this.challenge) {
      const label = `ping ${this.registry}`;
      const p = this.transport.retrying(label, async () => {
        const res = await this.transport.request({ method: 'GET', url: '/v2/', scopes: [] });
        if (res.status === 200) return undefined;
        if (res.status === 401) {
          const c = preferred(res);
          if (!c)
            throw new RegistryAuthError(
              `registry ${this.registry} asks for authentication with an unsupported challenge: ${header(res, 'www-authenticate') ?? '(none)'}`,
              401,
            );
          return c;
        }
        if (res.status === 404) throw new RegistryError(`${this.transport.baseUrl}/v2/ answered 404: not a registry v2 API`, 404);
        throw unexpected(label, res);
      });
      this.challenge = p;
      p.catch(() => {
        if (this.challenge === p) this.challenge = undefined;
      });
    }
    return this.challenge;
  }

  /**
   * One authenticated exchange: answers a 401 once with a fresh challenge and
   * token; a second refusal is a RegistryAuthError. 429/5xx become retryable errors.
   */
  async send(x: Exchange, label: string): Promise<Response> {
    let challenge = await this.getChallenge();
    const withAuth = async (fresh: boolean) => {
      const auth = await this.authorization(x.scopes, challenge, fresh);
      return this.transport.request({ ...x, headers: { ...x.headers, ...(auth ? { Authorization: auth } : {}) } });
    };
    let res = await withAuth(false);
    if (res.status === 401 && !(x.body instanceof Readable)) {
      res.stream?.resume();
      const next = preferred(res);
      if (next) {
        challenge = next;
        this.challenge = Promise.resolve(next);
      }
      if (challenge?.scheme === 'bearer') {
        const extra = challenge.params.scope;
        if (extra) for (const s of extra.split(' ')) if (!x.scopes.includes(s)) x = { ...x, scopes: [...x.scopes, s] };
        res = await withAuth(true);
      }
    }
    if (res.status === 401 || res.status === 403) {
      res.stream?.resume();
      const creds = await this.getCredentials();
      const who = creds
        ? `the credentials from ${creds.source} (user ${JSON.stringify(creds.username)})`
        : 'anonymous access (no credentials given or found in the Docker config)';
      throw new RegistryAuthError(`${label}: registry ${this.registry} refused ${who}: HTTP ${res.status}${detail(res)}`, res.status, registryErrors(res), {
        hint: creds ? 'check the username/password (or re-run docker login)' : 'give username and password inputs, or log in first (docker/login-action)',
      });
    }
    if (RETRY_STATUS.has(res.status)) {
      res.stream?.resume();
      throw unexpected(label, res);
    }
    return res;
  }

  private async authorization(scopes: string[], challenge: AuthChallenge | undefined, fresh = false): Promise<string | undefined> {
    if (!challenge) return undefined;
    const creds = await this.getCredentials();
    if (challenge.scheme === 'basic') {
      if (!creds) return undefined;
      const value = basic(creds);
      addSecret(value.slice(6));
      return value;
    }
    const key = [...scopes].sort().join(' ');
    const cached = this.tokens.get(key);
    if (!fresh && cached && cached.expires > Date.now()) return `Bearer ${cached.value}`;
    const token = await this.fetchToken(challenge, scopes, creds);
    this.tokens.set(key, token);
    return `Bearer ${token.value}`;
  }

  private async fetchToken(c: AuthChallenge, scopes: string[], creds: Credentials | undefined): Promise<Token> {
    const realm = c.params.realm;
    if (!realm) throw new RegistryAuthError(`registry ${this.registry}: Bearer challenge without a realm`, 401);
    const url = new URL(realm);
    const label = `token ${url.host} for ${scopes.join(' ') || 'registry'}`;
    let res: Response;
    if (creds?.identityToken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identityToken, client_id: 'switchyard' });
      if (c.params.service) form.set('service', c.params.service);
      for (const s of scopes) form.append('scope', s);
      const body = Buffer.from(form.toString());
      res = await this.transport.request({
        method: 'POST',
        url: url.toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) },
        body,
        scopes: [],
        maxBytes: 1024 * 1024,
      });
    } else {
      if (c.params.service) url.searchParams.set('service', c.params.service);
      for (const s of scopes) url.searchParams.append('scope', s);
      const headers: Record<string, string> = creds ? { Authorization: basic(creds) } : {};
      res = await this.transport.request({ method: 'GET', url: url.toString(), headers, scopes: [], maxBytes: 1024 * 1024 });
    }
    if (res.status === 401 || res.status === 403)
      throw new RegistryAuthError(
        `${label}: the token service refused ${creds ? `the credentials from ${creds.source}` : 'anonymous access'} (HTTP ${res.status})`,
        res.status,
        registryErrors(res),
        { hint: creds ? 'check the username and password or token' : 'log in (docker/login-action) or give username and password' },
      );
    if (res.status !== 200) throw unexpected(label, res);
    const json = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string; expires_in?: number };
    const value = json.token ?? json.access_token;
    if (!value) throw new RegistryAuthError(`${label}: the token service answered without a token`, res.status);
    addSecret(value);
    const lifetime = Math.max(30, json.expires_in ?? 60) * 1000;
    return { value, expires: Date.now() + lifetime - 15_000 };
  }
}

/** The challenge we answer from a 401: Bearer over Basic; undefined when neither is offered. */
function preferred(res: Response): AuthChallenge | undefined {
  const cs = parseWwwAuthenticate(header(res, 'www-authenticate') ?? '');
  return cs.find((c) => c.scheme === 'bearer') ?? cs.find((c) => c.scheme === 'basic');
}

function basic(creds: Credentials): string {
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
}
