import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

/**
 * A local stand-in for Microsoft Entra ID's token side: its own RSA keys, a JWKS endpoint, and tokens
 * signed as Entra signs them (issuer, audience, oid, name, roles). `foreign` signs with keys nobody published.
 */
export interface OidcStandIn {
  issuer: string;
  audience: string;
  jwksUrl: string;
  env: NodeJS.ProcessEnv;
  /** Who the authorize endpoint signs in next (the person at the stand-in's login page). */
  signInAs(claims: Record<string, unknown>): void;
  authorizeUrl: string;
  token(claims: Record<string, unknown>, options?: { audience?: string; issuer?: string; expiresAt?: number; foreign?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export async function startOidcStandIn(): Promise<OidcStandIn> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'standin-1', alg: 'RS256', use: 'sig' };
  let person: Record<string, unknown> = {};
  let sign: (claims: Record<string, unknown>, audience?: string) => Promise<string> = async () => '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    // The authorize endpoint of the implicit flow: back to redirect_uri with an ID token in the fragment.
    if (url.pathname === '/tenant-standin/oauth2/v2.0/authorize') {
      const q = url.searchParams;
      void sign({ ...person, nonce: q.get('nonce') }, q.get('client_id') ?? undefined).then((idToken) => {
        res.writeHead(302, { location: `${q.get('redirect_uri')}#${new URLSearchParams({ id_token: idToken, state: q.get('state') ?? '' }).toString()}` });
        res.end();
      });
    } else if (req.url === '/discovery/v2.0/keys') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const issuer = `${base}/tenant-standin/v2.0`;
  const audience = 'api://pool-staff-console';
  const jwksUrl = `${base}/discovery/v2.0/keys`;
  sign = (claims, aud) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'standin-1', typ: 'JWT' }).setIssuer(issuer).setAudience(aud ?? audience).setIssuedAt().setExpirationTime('1h').sign(privateKey);
  return {
    issuer, audience, jwksUrl,
    authorizeUrl: `${base}/tenant-standin/oauth2/v2.0/authorize`,
    signInAs: (claims) => void (person = claims),
    env: { STAFF_OIDC_ISSUER: issuer, STAFF_OIDC_AUDIENCE: audience, STAFF_OIDC_JWKS_URL: jwksUrl },
    token(claims, options = {}) {
      const key: KeyLike = options.foreign ? foreign.privateKey : privateKey;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'standin-1', typ: 'JWT' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt()
        .setExpirationTime(options.expiresAt ?? '1h')
        .sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
