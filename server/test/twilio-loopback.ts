import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the imitation received, as Twilio would have seen it. */
export interface LoopbackRequest {
  method: string;
  path: string;
  /** Decoded HTTP basic auth `user:password`, or null. */
  auth: string | null;
  form: Record<string, string>;
  headers: http.IncomingHttpHeaders;
}

export type LoopbackStatus = 201 | 400 | 429 | 500;

const ERRORS: Record<Exclude<LoopbackStatus, 201>, { code: number; message: string }> = {
  400: { code: 21211, message: "The 'To' number is not a valid phone number." },
  429: { code: 20429, message: 'Too Many Requests' },
  500: { code: 20500, message: 'An internal server error has occurred' },
};

export interface TwilioLoopback {
  /** Origin to give TWILIO_API_BASE_URL. */
  url: string;
  accountSid: string;
  authToken: string;
  requests: LoopbackRequest[];
  /** Messages.json requests only. */
  messageRequests(): LoopbackRequest[];
  /** Calls.json requests only (outbound calls placed), with the SID each got (null if refused). */
  callRequests(): Array<LoopbackRequest & { sid: string | null }>;
  /** The next Calls.json calls answer these statuses in order, then 201 again. */
  answerNextCall(...statuses: LoopbackStatus[]): void;
  /** The next Messages.json calls answer these statuses in order, then 201 again. */
  answerNext(...statuses: LoopbackStatus[]): void;
  /** Serves bytes at a path (a Twilio media URL's path), behind the account's basic auth. */
  addMedia(path: string, body: Buffer, contentType: string): void;
  close(): Promise<void>;
}

const hex = (n: number) => randomBytes(n).toString('hex');

/**
 * A loopback imitation of the parts of Twilio's REST API we call: POST Messages.json and
 * Calls.json (201 with a realistic body, or 400/429/500 on demand) and media / recording URLs.
 * Records every request.
 */
export async function startTwilioLoopback(): Promise<TwilioLoopback> {
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  const requests: LoopbackRequest[] = [];
  const scripted: LoopbackStatus[] = [];
  const scriptedCalls: LoopbackStatus[] = [];
  const calls: Array<LoopbackRequest & { sid: string | null }> = [];
  const media = new Map<string, { body: Buffer; contentType: string }>();
  const expectedAuth = `${accountSid}:${authToken}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://loopback');
      const header = req.headers.authorization ?? '';
      const auth = header.startsWith('Basic ')
        ? Buffer.from(header.slice(6), 'base64').toString('utf8')
        : null;
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        auth,
        form,
        headers: req.headers,
      });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (auth !== expectedAuth) {
        return json(401, {
          code: 20003,
          message: 'Authenticate',
          more_info: 'https://www.twilio.com/docs/errors/20003',
          status: 401,
        });
      }
      const item = media.get(url.pathname);
      if (req.method === 'GET' && item) {
        res.writeHead(200, {
          'content-type': item.contentType,
          'content-length': String(item.body.length),
        });
        return res.end(item.body);
      }
      if (
        req.method === 'POST' &&
        url.pathname === `/2010-04-01/Accounts/${accountSid}/Messages.json`
      ) {
        const status = scripted.shift() ?? 201;
        if (status !== 201) {
          const e = ERRORS[status];
          return json(status, {
            code: e.code,
            message: e.message,
            more_info: `https://www.twilio.com/docs/errors/${e.code}`,
            status,
          });
        }
        const sid = `SM${hex(16)}`;
        const now = new Date().toUTCString();
        return json(201, {
          account_sid: accountSid,
          api_version: '2010-04-01',
          body: form.Body ?? '',
          date_created: now,
          date_sent: null,
          date_updated: now,
          direction: 'outbound-api',
          error_code: null,
          error_message: null,
          from: form.From ?? null,
          messaging_service_sid: null,
          num_media: '0',
          num_segments: '1',
          price: null,
          price_unit: 'USD',
          sid,
          status: 'queued',
          subresource_uris: {
            media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json`,
          },
          to: form.To ?? null,
          uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
        });
      }
      if (
        req.method === 'POST' &&
        url.pathname === `/2010-04-01/Accounts/${accountSid}/Calls.json`
      ) {
        const status = scriptedCalls.shift() ?? 201;
        const record = { ...requests.at(-1)!, sid: null as string | null };
        calls.push(record);
        if (status !== 201) {
          const e = ERRORS[status];
          return json(status, { code: e.code, message: e.message, status });
        }
        const sid = `CA${hex(16)}`;
        record.sid = sid;
        const now = new Date().toUTCString();
        return json(201, {
          account_sid: accountSid,
          api_version: '2010-04-01',
          caller_name: null,
          date_created: now,
          date_updated: now,
          direction: 'outbound-api',
          duration: null,
          end_time: null,
          from: form.From ?? null,
          from_formatted: form.From ?? null,
          parent_call_sid: null,
          phone_number_sid: null,
          price: null,
          price_unit: 'USD',
          sid,
          start_time: null,
          status: 'queued',
          subresource_uris: {},
          to: form.To ?? null,
          to_formatted: form.To ?? null,
          uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`,
        });
      }
      json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    requests,
    messageRequests: () =>
      requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json')),
    answerNext: (...statuses) => scripted.push(...statuses),
    callRequests: () => calls,
    answerNextCall: (...statuses) => scriptedCalls.push(...statuses),
    addMedia: (path, body, contentType) => media.set(path, { body, contentType }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
