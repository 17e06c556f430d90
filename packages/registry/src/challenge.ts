/** One challenge of a WWW-Authenticate header. */
export interface AuthChallenge {
  /** Lowercased: `basic`, `bearer`. */
  scheme: string;
  /** Lowercased parameter names: realm, service, scope, error. */
  params: Record<string, string>;
}

/**
 * Parses a WWW-Authenticate header (RFC 7235): one or more challenges, each
 * `Scheme param=value, param="quoted, value"`. Tolerates the variations
 * registries send (unquoted values, extra spaces, several challenges).
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  let i = 0;
  const n = header.length;
  const skipWs = () => {
    while (i < n && /[\s,]/.test(header[i]!)) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && /[A-Za-z0-9!#$%&'*+.^_`|~-]/.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  let current: AuthChallenge | undefined;
  while (i < n) {
    skipWs();
    const save = i;
    const token = readToken();
    if (!token) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && header[j] === ' ') j++;
    if (header[j] === '=' && current) {
      i = j + 1;
      while (i < n && header[i] === ' ') i++;
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < n && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < n) i++;
          value += header[i];
          i++;
        }
        i++;
      } else {
        const start = i;
        while (i < n && header[i] !== ',') i++;
        value = header.slice(start, i).trim();
      }
      current.params[token.toLowerCase()] = value;
    } else {
      if (header[j] === '=' && !current) {
        i = save + token.length;
        continue;
      }
      current = { scheme: token.toLowerCase(), params: {} };
      out.push(current);
    }
  }
  return out;
}
