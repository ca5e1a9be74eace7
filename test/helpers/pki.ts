/**
 * Test certificates made with the real openssl binary: a root CA, an intermediate,
 * and leaves that are valid, expired, not yet valid, expiring soon, for the wrong
 * name, self-signed, and issued by the intermediate (served without it: an
 * incomplete chain). Chains longer than ten certificates: a valid one, one with an
 * expired leaf, one passing through a CA:FALSE certificate, and one ending in an
 * expired root (trust it with `expiredRootPem`). EC P-256 keys keep generation fast.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isIP } from 'node:net';

export const leafNames = [
  'valid',
  'expired',
  'not-yet-valid',
  'expiring-soon',
  'wrong-name',
  'self-signed',
  'via-intermediate',
  'via-expired-intermediate',
  'long-chain',
  'long-chain-expired',
  'long-chain-ca-false',
  'long-chain-ca-false-expired',
  'long-chain-expired-anchor',
] as const;
export type LeafName = (typeof leafNames)[number];

export interface TestPki {
  dir: string;
  caFile: string;
  caPem: string;
  intermediatePem: string;
  /** An intermediate whose validity ended 30 days ago; it issued the leaf 'via-expired-intermediate'. */
  expiredIntermediatePem: string;
  /** A root whose validity ended 30 days ago: the anchor of 'long-chain-expired-anchor'. */
  expiredRootPem: string;
  /** The certificates a server sends after the leaf: empty except for the long chains. */
  chain(name: LeafName): string;
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
    '[chain_ca]',
    'basicConstraints = critical,CA:TRUE',
    'keyUsage = critical,keyCertSign,cRLSign',
    // Signs like a CA (keyCertSign) but is not one: only the CA flag is wrong.
    '[not_ca]',
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,keyCertSign,cRLSign,digitalSignature',
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

/** Intermediates in the long chains: with the root and the leaf, 12 certificates. */
const longChainIntermediates = 10;

/**
 * `count` CA certificates, each signed by the one before, the first by `root`;
 * returns the last one's name. Names are `${prefix}-1`…
 */
function caLadder(
  dir: string,
  root: string,
  prefix: string,
  count: number,
  now: number,
  san: string,
): string {
  let issuer = root;
  for (let i = 1; i <= count; i += 1) {
    const name = `${prefix}-${i}`;
    newKeyAndCsr(dir, name, `MailTLS Test ${prefix} CA ${i}`);
    sign(
      dir,
      caConfig(dir, `${issuer}-db`),
      issuer,
      name,
      'chain_ca',
      new Date(now - day),
      new Date(now + 3000 * day),
      san,
    );
    issuer = name;
  }
  return issuer;
}

function longChains(dir: string, now: number, san: string): void {
  const leaf = (issuer: string, name: string, fromDays: number, toDays: number) => {
    newKeyAndCsr(dir, name, 'localhost');
    sign(
      dir,
      caConfig(dir, `${issuer}-db`),
      issuer,
      name,
      'leaf',
      new Date(now + fromDays * day),
      new Date(now + toDays * day),
      san,
    );
  };
  const top = caLadder(dir, 'ca', 'ladder', longChainIntermediates, now, san);
  leaf(top, 'long-chain', -1, 365);
  leaf(top, 'long-chain-expired', -60, -30);
  newKeyAndCsr(dir, 'not-ca', 'MailTLS Test CA:FALSE');
  sign(
    dir,
    caConfig(dir, `${top}-db`),
    top,
    'not-ca',
    'not_ca',
    new Date(now - day),
    new Date(now + 3000 * day),
    san,
  );
  leaf('not-ca', 'long-chain-ca-false', -1, 365);
  // OpenSSL then reports only the date: the CA:FALSE link must still be caught.
  leaf('not-ca', 'long-chain-ca-false-expired', -60, -30);
  // A root that expired 30 days ago, self-signed with backdated validity.
  newKeyAndCsr(dir, 'expired-root', 'MailTLS Test Expired Root CA');
  execFileSync(
    'openssl',
    [
      'ca',
      '-batch',
      '-notext',
      '-selfsign',
      '-config',
      caConfig(dir, 'expired-root-self-db'),
      '-keyfile',
      'expired-root.key',
      '-extensions',
      'chain_ca',
      '-startdate',
      asn1Time(new Date(now - 400 * day)),
      '-enddate',
      asn1Time(new Date(now - 30 * day)),
      '-in',
      'expired-root.csr',
      '-out',
      'expired-root.pem',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SAN: san } },
  );
  leaf(
    caLadder(dir, 'expired-root', 'old-ladder', longChainIntermediates, now, san),
    'long-chain-expired-anchor',
    -1,
    365,
  );
}

/** The names of the CA certificates a long-chain leaf's server sends, leaf's issuer first. */
function chainNames(name: LeafName): string[] {
  const ladder = (prefix: string) =>
    Array.from({ length: longChainIntermediates }, (_, i) => `${prefix}-${longChainIntermediates - i}`);
  switch (name) {
    case 'long-chain':
    case 'long-chain-expired':
      return ladder('ladder');
    case 'long-chain-ca-false':
    case 'long-chain-ca-false-expired':
      return ['not-ca', ...ladder('ladder')];
    case 'long-chain-expired-anchor':
      return [...ladder('old-ladder'), 'expired-root'];
    default:
      return [];
  }
}

export function createTestPki(dir: string): TestPki {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'complete-v5'))) {
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
      Exclude<
        LeafName,
        'self-signed' | 'via-intermediate' | 'via-expired-intermediate' | `long-chain${string}`
      >,
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
    longChains(dir, now, goodSan);
    writeFileSync(join(dir, 'complete-v5'), '');
  }
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    caPem: read('ca.pem'),
    intermediatePem: read('intermediate.pem'),
    expiredIntermediatePem: read('expired-intermediate.pem'),
    expiredRootPem: read('expired-root.pem'),
    chain: (name) =>
      chainNames(name)
        .map((ca) => read(`${ca}.pem`))
        .join(''),
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
 * A leaf for `names` (host names or IP addresses) signed by the test root, valid from `fromDays` to `toDays` from
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
    names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(','),
  );
  const certFile = join(pki.dir, `${name}.pem`);
  return { cert: readFileSync(certFile, 'utf8'), certFile, keyFile: join(pki.dir, `${name}.key`) };
}

/**
 * A self-signed root of its own key, written to `dir`: by default of its own name too, a
 * CA no path of the test PKI's chains leads through (the PKI's expired root shares the
 * test root's name). `name` gives it another, as `basename` its files.
 */
export function unrelatedRootCa(
  dir: string,
  name = 'MailTLS Unrelated Test CA',
  basename = 'unrelated-root',
): string {
  const file = join(dir, `${basename}.pem`);
  const args = [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '30',
  ];
  openssl([...args, '-subj', `/CN=${name}`, '-keyout', `${basename}.key`, '-out', file], dir);
  return file;
}
