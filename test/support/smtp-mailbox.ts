// Reads back what the local SMTP server (scripts/smtp-server.py, started by
// `scripts/infra.sh up`) really delivered: one JSON record per message, parsed
// by Python's email package on the server side.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@switchyard/kit';
import { infra } from '@switchyard/testkit';

export interface SmtpInfra {
  host: string;
  starttlsPort: number;
  tlsPort: number;
  user: string;
  password: string;
  caFile: string;
  maildir: string;
}

export interface DeliveredMail {
  id: number;
  /** `starttls` or `tls`: the listener that accepted it. */
  listener: string;
  tls: boolean;
  authUser: string | null;
  mailFrom: string;
  rcptTo: string[];
  /** Header names lower-cased. */
  headers: Record<string, string>;
  subject: string;
  text: string | null;
  html: string | null;
}

/** The SMTP server's coordinates; a loud error when the infra is not up (tests never skip). */
export function smtpInfra(): SmtpInfra {
  const file = join(infra().dir, 'smtp', 'env.json');
  if (!existsSync(file)) throw new Error(`The local SMTP server is not up (${file} is missing). Run \`bash scripts/infra.sh up\` (as root).`);
  return JSON.parse(readFileSync(file, 'utf8')) as SmtpInfra;
}

export function deliveredMail(s: SmtpInfra = smtpInfra()): DeliveredMail[] {
  return readdirSync(s.maildir)
    .filter((f) => /^\d+\.json$/.test(f))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
    .map((f) => JSON.parse(readFileSync(join(s.maildir, f), 'utf8')) as DeliveredMail);
}

/** Waits (short backoff, deadline) for a delivered message matching `match`. */
export async function waitForMail(match: (m: DeliveredMail) => boolean, timeoutMs = 10_000): Promise<DeliveredMail> {
  const s = smtpInfra();
  return waitFor(
    async () => {
      const m = deliveredMail(s).find(match);
      return m ? { done: true as const, value: m } : { done: false as const, progress: 'not delivered yet' };
    },
    { label: 'the message in the SMTP server', timeoutMs, initialMs: 50, maxMs: 500 },
  );
}
