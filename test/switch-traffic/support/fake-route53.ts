// A small local HTTP endpoint speaking Route53's REST XML wire format for the
// calls switch-traffic makes (ListHostedZonesByName, ListResourceRecordSets,
// ChangeResourceRecordSets, GetChange), so the bundled action and the real
// AWS SDK can be run against it with `endpoint-url`. Record sets are kept as
// the XML the client sent, so what round-trips is exactly what was written.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';

export interface FakeRecord {
  name: string;
  type: string;
  id: string;
  /** The <ResourceRecordSet> element's inner XML. */
  xml: string;
}

export interface FakeRoute53Options {
  zoneId: string;
  zoneName: string;
  records: FakeRecord[];
  /** GetChange answers PENDING this many times per change, then INSYNC. */
  pendingPolls?: number;
  /** The first N ChangeResourceRecordSets calls fail with PriorRequestNotComplete. */
  busyChanges?: number;
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];

export const weightOf = (r: FakeRecord) => Number(tag(r.xml, 'Weight'));

/** A weighted record's inner XML. */
export function recordXml(r: {
  name: string;
  type: string;
  id: string;
  weight: number;
  ttl?: number;
  values?: string[];
  alias?: { zone: string; dns: string };
  healthCheckId?: string;
}): FakeRecord {
  const parts = [`<Name>${r.name}</Name>`, `<Type>${r.type}</Type>`, `<SetIdentifier>${r.id}</SetIdentifier>`, `<Weight>${r.weight}</Weight>`];
  if (r.ttl !== undefined) parts.push(`<TTL>${r.ttl}</TTL>`);
  if (r.values) parts.push(`<ResourceRecords>${r.values.map((v) => `<ResourceRecord><Value>${v}</Value></ResourceRecord>`).join('')}</ResourceRecords>`);
  if (r.alias)
    parts.push(
      `<AliasTarget><HostedZoneId>${r.alias.zone}</HostedZoneId><DNSName>${r.alias.dns}</DNSName><EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget>`,
    );
  if (r.healthCheckId) parts.push(`<HealthCheckId>${r.healthCheckId}</HealthCheckId>`);
  return { name: r.name, type: r.type, id: r.id, xml: parts.join('') };
}

export async function startFakeRoute53(opts: FakeRoute53Options) {
  const records = [...opts.records];
  const changes: { id: string; polls: number; comment: string; changes: { action: string; xml: string }[] }[] = [];
  const calls: string[] = [];
  let busy = opts.busyChanges ?? 0;

  const send = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': `req-${calls.length}` });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
  };
  const error = (res: http.ServerResponse, status: number, code: string, message: string) =>
    send(
      res,
      status,
      `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-${calls.length}</RequestId></ErrorResponse>`,
    );
  const changeInfo = (c: (typeof changes)[number], status: string) =>
    `<ChangeInfo><Id>/change/${c.id}</Id><Status>${status}</Status><SubmittedAt>2026-11-26T06:00:00.000Z</SubmittedAt><Comment>${c.comment}</Comment></ChangeInfo>`;

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const path = u.pathname;
      if (path === '/2013-04-01/hostedzonesbyname') {
        calls.push('ListHostedZonesByName');
        const zone = `<HostedZone><Id>/hostedzone/${opts.zoneId}</Id><Name>${opts.zoneName}</Name><CallerReference>fake</CallerReference><Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>${records.length}</ResourceRecordSetCount></HostedZone>`;
        return send(
          res,
          200,
          `<ListHostedZonesByNameResponse xmlns="${NS}"><HostedZones>${zone}</HostedZones><DNSName>${u.searchParams.get('dnsname') ?? ''}</DNSName><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesByNameResponse>`,
        );
      }
      const rrset = /^\/2013-04-01\/hostedzone\/([^/]+)\/rrset\/?$/.exec(path);
      if (rrset) {
        if (rrset[1] !== opts.zoneId) return error(res, 404, 'NoSuchHostedZone', `No hosted zone found with ID: ${rrset[1]}`);
        if (req.method === 'GET') {
          calls.push('ListResourceRecordSets');
          const name = u.searchParams.get('name') ?? '';
          const type = u.searchParams.get('type') ?? '';
          const key = (r: FakeRecord) => `${r.name}|${r.type}|${r.id}`;
          const sorted = [...records].sort((a, b) => key(a).localeCompare(key(b)));
          const from = sorted.filter((r) => key(r) >= `${name}|${type}|${u.searchParams.get('identifier') ?? ''}`);
          const list = from.map((r) => `<ResourceRecordSet>${r.xml}</ResourceRecordSet>`).join('');
          return send(
            res,
            200,
            `<ListResourceRecordSetsResponse xmlns="${NS}"><ResourceRecordSets>${list}</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListResourceRecordSetsResponse>`,
          );
        }
        calls.push('ChangeResourceRecordSets');
        if (busy > 0) {
          busy--;
          return error(res, 400, 'PriorRequestNotComplete', 'The request was rejected because Route 53 was still processing a prior request.');
        }
        const batch = [...body.matchAll(/<Change>([\s\S]*?)<\/Change>/g)].map((m) => ({
          action: tag(m[1]!, 'Action') ?? '',
          xml: tag(m[1]!, 'ResourceRecordSet') ?? '',
        }));
        for (const ch of batch) {
          const i = records.findIndex((r) => r.name === tag(ch.xml, 'Name') && r.type === tag(ch.xml, 'Type') && r.id === tag(ch.xml, 'SetIdentifier'));
          if (ch.action !== 'UPSERT' || i < 0) return error(res, 400, 'InvalidChangeBatch', `unexpected change ${ch.action}`);
        }
        for (const ch of batch) {
          const i = records.findIndex((r) => r.name === tag(ch.xml, 'Name') && r.type === tag(ch.xml, 'Type') && r.id === tag(ch.xml, 'SetIdentifier'));
          records[i] = { ...records[i]!, xml: ch.xml };
        }
        const c = { id: `C${String(changes.length + 1).padStart(4, '0')}FAKE`, polls: 0, comment: tag(body, 'Comment') ?? '', changes: batch };
        changes.push(c);
        return send(res, 200, `<ChangeResourceRecordSetsResponse xmlns="${NS}">${changeInfo(c, 'PENDING')}</ChangeResourceRecordSetsResponse>`);
      }
      const change = /^\/2013-04-01\/change\/([^/]+)$/.exec(path);
      if (change) {
        calls.push('GetChange');
        const c = changes.find((x) => x.id === change[1]);
        if (!c) return error(res, 404, 'NoSuchChange', `unknown change ${change[1]}`);
        c.polls++;
        return send(
          res,
          200,
          `<GetChangeResponse xmlns="${NS}">${changeInfo(c, c.polls > (opts.pendingPolls ?? 0) ? 'INSYNC' : 'PENDING')}</GetChangeResponse>`,
        );
      }
      return error(res, 404, 'UnknownOperation', `${req.method} ${path}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    records,
    changes,
    calls,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
