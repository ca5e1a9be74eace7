/**
 * Test certificates made with the real openssl binary: a root CA, an intermediate,
 * and leaves that are valid, expired, not yet valid, expiring soon, for the wrong
 * name, self-signed, and issued by the intermediate (served without it: an
 * incomplete chain). EC P-256 keys keep generation fast.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const leafNames = [
  'valid',
  'expired',
  'not-yet-valid',
  'expiring-soon',
  'wrong-name',
  'self-signed',
  'via-intermediate',
  'via-expired-intermediate',
] as const;
export type LeafName = (typeof leafNames)[number];

export interface TestPki {
  dir: string;
  caFile: string;
  caPem: string;
  intermediatePem: string;
  /** An intermediate whose validity ended 30 days ago; it issued the leaf 'via-expired-intermediate'. */
  expiredIntermediatePem: string;
  leaf(name: LeafName): { cert: string; key: string; certFile: string; keyFile: string };
}

const day = 24 * 3600 * 1000;

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** YYYYMMDDHHMMSSZ as `openssl ca -startdate/-enddate` wants it. */
function asn1Time(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function caConfig(dir: string, name: string): string {
  const base = join(dir, name);
  mkdirSync(join(base, 'new'), { recursive: true });
  writeFileSync(join(base, 'index.txt'), '');
  writeFileSync(join(base, 'serial'), `${Date.now().toString(16).padStart(16, '0')}\n`);
  const config = [
    '[ca]',
    'default_ca = test_ca',
    '[test_ca]',
    `dir = ${base}`,
    'database = $dir/index.txt',
    'new_certs_dir = $dir/new',
    'serial = $dir/serial',
    'default_md = sha256',
    'policy = anything',
    'unique_subject = no',
    'copy_extensions = none',
    '[anything]',
    'commonName = supplied',
    '[leaf]',
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage = serverAuth',
    'subjectAltName = $ENV::SAN',
    '[leaf_aia]',
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage = serverAuth',
    'subjectAltName = $ENV::SAN',
    'authorityInfoAccess = caIssuers;URI:http://pki.invalid/intermediate.crt',
    '[intermediate]',
    'basicConstraints = critical,CA:TRUE,pathlen:0',
    'keyUsage = critical,keyCertSign,cRLSign',
    '',
  ].join('\n');
  const file = join(base, 'ca.cnf');
  writeFileSync(file, config);
  return file;
}

function newKeyAndCsr(dir: string, name: string, commonName: string): void {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`], dir);
  openssl(['req', '-new', '-key', `${name}.key`, '-subj', `/CN=${commonName}`, '-out', `${name}.csr`], dir);
}

function sign(
  dir: string,
  config: string,
  caName: string,
  name: string,
  extensions: string,
  from: Date,
  to: Date,
  san: string,
): void {
  execFileSync(
    'openssl',
    [
      'ca',
      '-batch',
      '-notext',
      '-config',
      config,
      '-cert',
      `${caName}.pem`,
      '-keyfile',
      `${caName}.key`,
      '-extensions',
      extensions,
      '-startdate',
      asn1Time(from),
      '-enddate',
      asn1Time(to),
      '-in',
      `${name}.csr`,
      '-out',
      `${name}.pem`,
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SAN: san } },
  );
}

export function createTestPki(dir: string): TestPki {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'complete-v3'))) {
    const now = Date.now();
    // 127.0.0.2: Dovecot listens there so the client's source address (127.0.0.1) differs from it.
    const goodSan = 'DNS:localhost,IP:127.0.0.1,IP:127.0.0.2';
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
    openssl(
      [
        'req',
        '-x509',
        '-new',
        '-key',
        'ca.key',
        '-subj',
        '/CN=MailTLS Test Root CA',
        '-days',
        '3650',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
        '-out',
        'ca.pem',
      ],
      dir,
    );
    const rootConfig = caConfig(dir, 'root-db');
    newKeyAndCsr(dir, 'intermediate', 'MailTLS Test Intermediate CA');
    sign(
      dir,
      rootConfig,
      'ca',
      'intermediate',
      'intermediate',
      new Date(now - day),
      new Date(now + 3000 * day),
      goodSan,
    );
    const interConfig = caConfig(dir, 'intermediate-db');

    newKeyAndCsr(dir, 'expired-intermediate', 'MailTLS Test Expired Intermediate CA');
    sign(
      dir,
      rootConfig,
      'ca',
      'expired-intermediate',
      'intermediate',
      new Date(now - 400 * day),
      new Date(now - 30 * day),
      goodSan,
    );
    const expiredInterConfig = caConfig(dir, 'expired-intermediate-db');
    newKeyAndCsr(dir, 'via-expired-intermediate', 'localhost');
    sign(
      dir,
      expiredInterConfig,
      'expired-intermediate',
      'via-expired-intermediate',
      'leaf',
      new Date(now - day),
      new Date(now + 365 * day),
      goodSan,
    );

    const leaves: Record<
      Exclude<LeafName, 'self-signed' | 'via-intermediate' | 'via-expired-intermediate'>,
      [number, number, string]
    > = {
      valid: [-1, 365, goodSan],
      expired: [-60, -30, goodSan],
      'not-yet-valid': [30, 400, goodSan],
      'expiring-soon': [-300, 10, goodSan],
      'wrong-name': [-1, 365, 'DNS:wrong.example'],
    };
    for (const [name, [fromDays, toDays, san]] of Object.entries(leaves)) {
      newKeyAndCsr(dir, name, name === 'wrong-name' ? 'wrong.example' : 'localhost');
      sign(
        dir,
        rootConfig,
        'ca',
        name,
        'leaf',
        new Date(now + fromDays * day),
        new Date(now + toDays * day),
        san,
      );
    }
    newKeyAndCsr(dir, 'via-intermediate', 'localhost');
    sign(
      dir,
      interConfig,
      'intermediate',
      'via-intermediate',
      'leaf_aia',
      new Date(now - day),
      new Date(now + 365 * day),
      goodSan,
    );
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'self-signed.key'], dir);
    openssl(
      [
        'req',
        '-x509',
        '-new',
        '-key',
        'self-signed.key',
        '-subj',
        '/CN=localhost',
        '-days',
        '365',
        '-addext',
        `subjectAltName=${goodSan}`,
        '-out',
        'self-signed.pem',
      ],
      dir,
    );
    writeFileSync(join(dir, 'complete-v3'), '');
  }
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    caPem: read('ca.pem'),
    intermediatePem: read('intermediate.pem'),
    expiredIntermediatePem: read('expired-intermediate.pem'),
    leaf(name) {
      return {
        cert: read(`${name}.pem`),
        key: read(`${name}.key`),
        certFile: join(dir, `${name}.pem`),
        keyFile: join(dir, `${name}.key`),
      };
    },
  };
}

/**
 * A leaf for `names` signed by the test root, valid from `fromDays` to `toDays` from
 * now (negative: in the past), in its own CA database so parallel calls do not collide.
 */
export function issueLeaf(
  pki: TestPki,
  names: string[],
  fromDays: number,
  toDays: number,
): { cert: string; certFile: string; keyFile: string } {
  const name = `issued-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const config = caConfig(pki.dir, `${name}-db`);
  newKeyAndCsr(pki.dir, name, names[0] ?? 'localhost');
  const now = Date.now();
  sign(
    pki.dir,
    config,
    'ca',
    name,
    'leaf',
    new Date(now + fromDays * day),
    new Date(now + toDays * day),
    names.map((n) => `DNS:${n}`).join(','),
  );
  const certFile = join(pki.dir, `${name}.pem`);
  return { cert: readFileSync(certFile, 'utf8'), certFile, keyFile: join(pki.dir, `${name}.key`) };
}
