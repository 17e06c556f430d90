// Pure parsers for where notifications go: e-mail address lists, the SMTP URL,
// the Slack channel ID. Every error names the input and shows the bad value.
import { InputError, show } from '@switchyard/kit';

export interface Address {
  name?: string;
  address: string;
}

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function isAddress(a: string): boolean {
  const at = a.lastIndexOf('@');
  if (at <= 0) return false;
  const local = a.slice(0, at);
  return LOCAL.test(local) && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..') && DOMAIN.test(a.slice(at + 1));
}

/** `ann@example.com` or `Ann Example <ann@example.com>`. */
export function parseAddress(input: string, text: string): Address {
  const t = text.trim();
  const named = /^([^<>"]*?)\s*<([^<>\s]+)>$/.exec(t);
  const address = named ? named[2]! : t;
  if (!isAddress(address)) {
    throw new InputError(input, `${show(t)} is not an e-mail address: expected name@example.com or Name <name@example.com>`);
  }
  const name = named?.[1]?.trim();
  return name ? { name, address } : { address };
}

/** A comma- or newline-separated list of addresses; at least one. */
export function parseAddressList(input: string, text: string): Address[] {
  const items = text.split(/[\n,]/).map((s) => s.trim());
  if (items.every((s) => s === '')) throw new InputError(input, 'is empty: give one or more e-mail addresses');
  return items.filter((s) => s !== '').map((s) => parseAddress(input, s));
}

export const formatAddress = (a: Address) => (a.name ? `"${a.name.replace(/["\\]/g, '\\$&')}" <${a.address}>` : a.address);

export interface SmtpTarget {
  host: string;
  port: number;
  /** Implicit TLS (smtps://); otherwise STARTTLS is required. */
  secure: boolean;
  /** User name given in the URL, if any. */
  username: string;
  /** Password given in the URL, if any (discouraged; masked). */
  password: string;
}

export function parseSmtpUrl(input: string, value: string): SmtpTarget {
  const m = /^(smtps?):\/\/(.*)$/i.exec(value);
  if (!m) throw new InputError(input, `${show(value)} is not an SMTP URL: expected smtp://host[:port] (STARTTLS) or smtps://host[:port] (TLS)`);
  const authority = m[2]!.split(/[/?#]/)[0]!.replace(/^.*@/, '');
  if (authority === '' || authority.startsWith(':')) throw new InputError(input, `${show(value)} has no host: expected e.g. smtp://mail.example.com:587`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(input, `${show(value)} is not a valid URL`);
  }
  if (url.hostname === '') throw new InputError(input, `${show(value)} has no host: expected e.g. smtp://mail.example.com:587`);
  if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) {
    throw new InputError(input, `${show(value)} has a path or query; an SMTP URL is only scheme://[user@]host[:port]`);
  }
  const secure = m[1]!.toLowerCase() === 'smtps';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    secure,
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** Slack channel IDs: C… (public), G… (private), D… (direct). conversations.history needs the ID, not a name. */
export function parseChannel(input: string, value: string): string {
  if (/^[CGD][A-Z0-9]{6,}$/.test(value)) return value;
  if (/^#/.test(value) || /^[a-z0-9._-]+$/.test(value)) {
    throw new InputError(input, `${show(value)} is a channel name; give the channel's ID (e.g. C0123ABCD)`, {
      hint: "In Slack: the channel's name → About → the Channel ID at the bottom.",
    });
  }
  throw new InputError(input, `${show(value)} is not a Slack channel ID (C…, G… or D… followed by letters and digits)`);
}
