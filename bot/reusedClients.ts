import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { TtlCache } from '../services/ttlCache';

/** Long enough to matter, short enough that a rotated secret or changed setting is picked up within the hour. */
const CLIENT_TTL_MS = 60 * 60_000;
/** Teams uses a handful of regional service URLs; the bound only guards against a flood of made-up ones. */
const MAX_CLIENTS = 256;

/** The bot's app id as the Bot Framework reads it from a request's claims (audience, or appid from the emulator). */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/**
 * CloudAdapter asks for a new ConnectorClient and UserTokenClient on every turn, and each builds its own HTTP
 * pipeline: about a fifth of the CPU of a one-reply turn. Both clients hold nothing per turn but their
 * credentials, which cache their own token, so this keeps one per app id (and service URL and audience) for
 * an hour and hands everything else to the configured authentication unchanged.
 */
export class ReusedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new TtlCache<ConnectorClient>(CLIENT_TTL_MS, MAX_CLIENTS);
  private readonly tokenClients = new TtlCache<UserTokenClient>(CLIENT_TTL_MS, MAX_CLIENTS);

  /** `prepare` adapts each new Connector client once (the broadcast adapter turns the SDK's retries off). */
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly prepare: (client: ConnectorClient) => ConnectorClient = (client) => client,
  ) {
    super();
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  /** Incoming turns use the factory that comes with the authentication result, proactive sends the one above. */
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusingFor(await this.inner.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusingFor(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  private reusingFor(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) } : result;
  }

  private reusing(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    const { connectors, prepare } = this;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, async () => prepare(await factory.create(serviceUrl, audience)));
      }
    })();
  }
}
