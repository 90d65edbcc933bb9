// Fetches Web Chat's single browser bundle (dist/webchat.js) from the npm registry at install time.
// Why by hand: the botframework-webchat package installs ~485 MB of dependencies to give us one 3.9 MB file
// that the page needs, and no CDN may be used at run time. We download only the package tarball, check it
// against the registry's pinned integrity, extract the one file and check its own pinned hash.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';

const VERSION = '4.18.1';
const TARBALL_SHA512 = '7jpEUJ7olT62Xm+8eh7BhhIcXVfU2xD4pZDaeBt8K4XcNy6K/83UGIxE9BFkXmHMZ4hDEVOzs5cre07GWuaXzg==';
const BUNDLE_SHA256 = '0a68ad0a64fc04d621197da10c3eec0f843e16f7d03f6bcbed29b47517cf9bff';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// A fixed name, so the server needs no version; the hash check below says which version it is.
const target = join(root, 'vendor', 'webchat', 'webchat.js');

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

function alreadyThere() {
  return existsSync(target) && sha256(readFileSync(target)) === BUNDLE_SHA256;
}

async function download() {
  const registry = (process.env.npm_config_registry || 'https://registry.npmjs.org/').replace(/\/?$/, '/');
  const url = `${registry}botframework-webchat/-/botframework-webchat-${VERSION}.tgz`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  const tarball = Buffer.from(await res.arrayBuffer());
  const integrity = createHash('sha512').update(tarball).digest('base64');
  if (integrity !== TARBALL_SHA512) throw new Error(`tarball integrity mismatch for ${url}`);

  let bundle;
  await pipeline(
    Readable.from(tarball),
    tar.t({
      filter: (path) => path === 'package/dist/webchat.js',
      onReadEntry: (entry) => {
        const chunks = [];
        entry.on('data', (c) => chunks.push(c));
        entry.on('end', () => { bundle = Buffer.concat(chunks); });
      },
    }),
  );
  if (!bundle) throw new Error('dist/webchat.js is missing from the tarball');
  if (sha256(bundle) !== BUNDLE_SHA256) throw new Error('dist/webchat.js hash mismatch');
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, bundle);
  renameSync(tmp, target); // atomic: a half-written bundle is never served
}

if (alreadyThere()) {
  console.log(`webchat.js ${VERSION} already present and verified`);
} else {
  try {
    await download();
    console.log(`webchat.js ${VERSION} fetched and verified -> ${target}`);
  } catch (err) {
    console.error(`Could not fetch Web Chat ${VERSION}: ${err.message}`);
    process.exit(1);
  }
}
