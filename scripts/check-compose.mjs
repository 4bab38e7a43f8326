#!/usr/bin/env node
// Validates docker-compose.yml with `docker-compose config -q` (the v1 tool Debian ships, so the
// file stays readable by it). Usage: node scripts/check-compose.mjs [path/to/compose.yml]
// Without docker-compose on PATH: fails when CI is set, otherwise warns and passes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.resolve(process.argv[2] ?? path.join(repoRoot, 'docker-compose.yml'));
const relative = path.relative(process.cwd(), file);
const label = relative && !relative.startsWith('..') ? relative : file;
const inCi = /^(1|true|yes)$/i.test(process.env.CI ?? '');

if (!existsSync(file)) {
  console.error(`check-compose: ${label} does not exist`);
  process.exit(1);
}

// Required variables (`${NAME:?message}` / `${NAME?message}`) get a placeholder unless already
// set, so the check is about the file and not about this shell's environment.
const env = { ...process.env };
const required = readFileSync(file, 'utf8').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g);
for (const [, name] of required) {
  if (!env[name]) env[name] = `check-only-placeholder-${name.toLowerCase()}-0123456789abcdef`;
}
// COMPOSE_FILE and friends must not change which file is checked.
delete env.COMPOSE_FILE;
delete env.COMPOSE_PATH_SEPARATOR;

const result = spawnSync('docker-compose', ['--file', file, 'config', '--quiet'], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});

if (result.error?.code === 'ENOENT') {
  const hint =
    'docker-compose (v1) is not on PATH; install it with `apt-get install docker-compose` ' +
    '(Debian/Ubuntu) to validate docker-compose.yml';
  if (inCi) {
    console.error(`check-compose: ${hint}. Failing because CI is set.`);
    process.exit(1);
  }
  console.warn(`check-compose: WARNING: ${hint}. Skipped (it is required when CI=true).`);
  process.exit(0);
}
if (result.error) {
  console.error(`check-compose: could not run docker-compose: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  const how = result.signal ? `was killed by ${result.signal}` : `exited with ${result.status}`;
  console.error(`check-compose: ${label}: INVALID (docker-compose config ${how})`);
  process.exit(1);
}
console.log(`${label}: valid`);
