import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import cron, { type ScheduledTask } from 'node-cron';
import { feedbackCard } from '../dialogs/cards/supplierCards';
import { translator } from '../services/i18n';
import type { Connections } from '../services/matching/connections';
import type { Logger } from './logger';

/**
 * Asks manufacturers to rate their connections, on a node-cron schedule in Asia/Shanghai time (default daily at
 * 10:00, when people read messages). Each ask is a proactive message into the conversation where the
 * connection was made; a lead is claimed by etag first, so with several instances only one asks. Each ask
 * waits for its conversation's slot and the bot-wide gate first (`sendSlot`, the delivery engine's), so a
 * manufacturer who is getting a notice at that moment is not sent more than Teams' limits allow.
 */
export function scheduleFeedbackAsks(options: {
  expression: string;
  connections: Connections;
  adapter: CloudAdapter;
  sendSlot: (reference: Record<string, unknown>) => Promise<void>;
  botAppId: string;
  afterDays: number;
  log: Logger;
}): { run: () => Promise<{ asked: number; failed: number }>; stop: () => void } {
  const run = async () => {
    const result = await options.connections.askDue(async (lead) => {
      await options.sendSlot(lead.conversation);
      await options.adapter.continueConversationAsync(options.botAppId, lead.conversation as unknown as ConversationReference, async (context) => {
        await context.sendActivity(MessageFactory.attachment(feedbackCard(translator(lead.locale), lead, options.afterDays)));
      });
    });
    if (result.asked || result.failed) options.log.info(result, 'asked for connection feedback');
    return result;
  };
  const task: ScheduledTask = cron.schedule(
    options.expression,
    () => {
      run().catch((err: unknown) => options.log.error({ err }, 'feedback asks failed'));
    },
    { timezone: 'Asia/Shanghai', name: 'connection-feedback', noOverlap: true },
  );
  return { run, stop: () => void task.stop() };
}
