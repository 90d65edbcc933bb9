import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type BotState, type InvokeResponse, type TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { say } from '../dialogs/locale';
import { isTransientDatabaseError } from '../data/transient';
import type { Config } from './config';
import type { Logger } from './logger';
import { ReusedClientsAuthentication } from './reusedClients';
import type { LocalChannelTrust } from './localChannelTrust';
import { turnErrorFields } from './turnErrorLog';

/** CloudAdapter whose processActivity the server can call, to answer errors in its own JSON shape. */
export class PoolAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * The Bot Framework adapter. With an app id it validates every incoming request's JWT and signs replies,
 * as Bot Framework requires; without one (local dev mode only, enforced by config) it runs anonymously.
 */
export function createAdapter(config: Config, log: Logger, conversationState: BotState, localTrust?: LocalChannelTrust): PoolAdapter {
  // In dev mode the local channel's shared secret stands in for Bot Framework's tokens (bot/localChannelTrust.ts).
  const auth = new ReusedClientsAuthentication(new ConfigurationBotFrameworkAuthentication(config.botAuth, localTrust?.credentialsFactory()));
  const adapter = new PoolAdapter(auth);

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const correlationId = randomUUID();
    log.error(
      {
        // Only the error's kind, message and stack: botbuilder-dialogs hangs the dialog stack with its state
        // (form answers: names, phones) on the error, which must not reach the logs.
        err: turnErrorFields(error),
        correlationId,
        activityId: context.activity.id,
        activityType: context.activity.type,
        channelId: context.activity.channelId,
        conversationId: context.activity.conversation?.id,
      },
      'turn failed',
    );
    try {
      // A database that was busy or unreachable for a moment (after the data layer's retries): the user sends the
      // message again, and keeps their place — the turn's state was never saved, so the flow is where it was.
      if (isTransientDatabaseError(error)) {
        await context.sendActivity(say(context)('turnBusy'));
        return;
      }
      await context.sendActivity(say(context)('turnError', { correlationId }));
      // A dialog stack that threw once would throw again on the next message: start the user afresh.
      await conversationState.delete(context);
    } catch (sendError) {
      log.error({ err: sendError, correlationId }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}
