import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  host: string;
  port: number;
  /** Every message the sink accepted, parsed. */
  received: ParsedMail[];
  /** Every DATA attempt, accepted or refused. */
  attempts: number;
  /** SMTP codes to answer the next DATA commands with (e.g. [451]); empty = accept. */
  plan: number[];
  close(): Promise<void>;
}

/** A loopback SMTP server (the smtp-server package) that parses what it is sent. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    host: '127.0.0.1',
    port: 0,
    received: [],
    attempts: 0,
    plan: [],
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        sink.attempts += 1;
        const code = sink.plan.shift();
        if (code) {
          const err = Object.assign(
            new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'),
            {
              responseCode: code,
            },
          );
          return callback(err);
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            sink.received.push(mail);
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
