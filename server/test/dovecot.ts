import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from '../src/core/services.js';

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Puts a raw RFC 822 message into the user's INBOX (as a mail server delivering it would). */
  append(raw: string | Buffer): Promise<void>;
  appendMany(raws: Array<string | Buffer>): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const NOBODY = 65534;

function dovecotBinary(): string {
  for (const p of ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot']) if (existsSync(p)) return p;
  throw new Error('dovecot is not installed: apt-get install dovecot-imapd (.ci/run does this)');
}

async function waitForPort(port: number, child: ChildProcess, output: string[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited:\n${output.join('')}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not listen on ${port}:\n${output.join('')}`);
}

/** A real Dovecot IMAP server on a free loopback port with a temporary Maildir and one user. */
export async function startDovecot(): Promise<Dovecot> {
  const binary = dovecotBinary();
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-dovecot-'));
  const port = await freePort();
  const user = 'support@desk.test';
  const password = 'secret';
  // Dovecot's auth and mail processes run as nobody: they must reach the users file and mail.
  chmodSync(dir, 0o755);
  const mailRoot = path.join(dir, 'mail');
  mkdirSync(mailRoot, { recursive: true });
  if (process.getuid?.() === 0) chownSync(mailRoot, NOBODY, NOBODY);
  writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
shutdown_clients = yes
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
default_login_user = nobody
default_internal_user = nobody
default_internal_group = nogroup
passdb {
  driver = passwd-file
  args = ${dir}/users
}
userdb {
  driver = passwd-file
  args = ${dir}/users
  default_fields = uid=${NOBODY} gid=${NOBODY} home=${mailRoot}/%u mail=maildir:${mailRoot}/%u/Maildir
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  let child: ChildProcess | null = null;
  const output: string[] = [];

  const start = async () => {
    // Its own process group: stopping it ends the IMAP sessions too, like a server going down.
    child = spawn(binary, ['-F', '-c', conf], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pid = child.pid!;
    // Its own process group outlives a test process that dies: end it with the process.
    process.once('exit', () => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    await waitForPort(port, child, output);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return resolve();
      c.once('exit', () => resolve());
      try {
        process.kill(-c.pid!, 'SIGKILL');
      } catch {
        c.kill('SIGKILL');
      }
    });

  const appendMany = async (raws: Array<string | Buffer>) => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
    });
    await client.connect();
    try {
      for (const raw of raws) await client.append('INBOX', raw);
    } finally {
      await client.logout();
    }
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    append: (raw) => appendMany([raw]),
    appendMany,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
