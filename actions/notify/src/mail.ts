// E-mail through SMTP with nodemailer (loaded lazily: the fail-fast path never
// pays for it). STARTTLS is required on smtp://, TLS is implicit on smtps://,
// certificates are always verified. Connection trouble and 4xx replies are
// retried to the deadline; a refused login, refused recipients or an
// untrusted certificate are named and not retried.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { ConfigurationError, type Deadline, errorMessage, Failure, realSleep, retry, type Sleep } from '@switchyard/kit';
import type { Address, SmtpTarget } from './targets';
import { formatAddress } from './targets';

export interface MailTarget {
  smtp: SmtpTarget;
  username: string;
  password: string;
  caFile: string | undefined;
  from: Address;
  to: Address[];
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  rejected?: string[];
}

const CERT_CODES = /CERT|SELF_SIGNED|self[- ]signed|UNABLE_TO_VERIFY|unable to verify|ERR_TLS_CERT_ALTNAME_INVALID|UNABLE_TO_GET_ISSUER|certificate/i;

/** Turns nodemailer's error into one that says what to fix; transient ones stay plain Failures (retried). */
export function explainSmtpError(e: SmtpError, t: MailTarget): Failure {
  const where = `${t.smtp.secure ? 'smtps' : 'smtp'}://${t.smtp.host}:${t.smtp.port}`;
  const causeCode = (e as { cause?: { code?: string } }).cause?.code ?? '';
  const text = `${e.message} ${causeCode}`;
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH')
    return new ConfigurationError(`SMTP ${where}: the server refused the login for ${JSON.stringify(t.username)} (${e.response ?? e.message})`, {
      hint: 'Check smtp-username and the smtp-password secret.',
    });
  if (e.code === 'EENVELOPE')
    return new ConfigurationError(
      `SMTP ${where}: the server refused ${e.rejected?.length ? `the recipient(s) ${e.rejected.join(', ')}` : 'the envelope'} (${e.response ?? e.message})`,
      {
        hint: 'Check mail-to and mail-from.',
      },
    );
  if (CERT_CODES.test(text))
    return new ConfigurationError(`SMTP ${where}: the server's certificate is not trusted (${causeCode || e.message})`, {
      hint: 'Give the CA (or the self-signed certificate) in smtp-ca-file; certificates are always verified.',
    });
  if (e.code === 'ETLS' && /STARTTLS/i.test(e.message))
    return new ConfigurationError(`SMTP ${where}: the server does not offer STARTTLS, which smtp:// requires (${e.message})`, {
      hint: 'Use smtps:// if the server speaks implicit TLS, or a server that offers STARTTLS.',
    });
  if (e.responseCode && e.responseCode >= 500) return new ConfigurationError(`SMTP ${where}: ${e.response ?? e.message}`);
  return new Failure(`SMTP ${where}: ${e.code ? `${e.code}: ` : ''}${errorMessage(e)}`);
}

export async function sendMail(
  t: MailTarget,
  content: MailContent,
  opts: { deadline: Deadline; log: (line: string) => void; sleep?: Sleep },
): Promise<{ messageId: string; accepted: string[] }> {
  const nodemailer = await import('nodemailer');
  // An extra CA adds to Node's bundled ones instead of replacing them.
  const ca = t.caFile ? readFileSync(t.caFile, 'utf8') : undefined;
  const perStep = () => Math.max(1000, Math.min(15_000, opts.deadline.remaining()));
  return retry(
    async () => {
      const transport = nodemailer.createTransport({
        host: t.smtp.host,
        port: t.smtp.port,
        secure: t.smtp.secure,
        requireTLS: !t.smtp.secure,
        ...(t.username ? { auth: { user: t.username, pass: t.password } } : {}),
        // SNI takes host names only; an IP address is still checked against the certificate's SAN.
        tls: { minVersion: 'TLSv1.2', ...(isIP(t.smtp.host) ? {} : { servername: t.smtp.host }), ...(ca ? { ca: [...rootCertificates, ca] } : {}) },
        connectionTimeout: perStep(),
        greetingTimeout: perStep(),
        socketTimeout: perStep(),
      });
      try {
        const info = await transport.sendMail({
          from: formatAddress(t.from),
          to: t.to.map(formatAddress),
          subject: content.subject,
          text: content.text,
          html: content.html,
          headers: content.headers,
        });
        return { messageId: String(info.messageId), accepted: (info.accepted ?? []).map(String) };
      } catch (e) {
        throw explainSmtpError(e as SmtpError, t);
      } finally {
        transport.close();
      }
    },
    {
      label: `send mail via ${t.smtp.host}:${t.smtp.port}`,
      timeoutMs: opts.deadline.remaining(),
      initialMs: 500,
      maxMs: 4000,
      log: opts.log,
      sleep: opts.sleep ?? realSleep,
    },
  );
}
