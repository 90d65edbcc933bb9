import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Connections, FeedbackRefusal } from '../services/matching/connections';
import { InterruptibleDialog } from './interruptions';
import { say } from './locale';
import { TEXT_PROMPT, textPrompt } from './prompts';
import { userKeyOfTurn } from './bindDialog';
import type { MessageKey } from '../services/i18n';
import type { DialogRecognizer } from './intentRecognizer';

/** What the user is told when a rating is not theirs to give, or not yet, or given already. */
const REFUSED: Record<FeedbackRefusal, MessageKey> = { unknown: 'feedbackNotYours', not_yours: 'feedbackNotYours', not_asked: 'feedbackNotAsked', already: 'feedbackAlready' };

export const FEEDBACK_DIALOG = 'connectionFeedback';

export interface FeedbackOptions {
  leadNo: string;
  rating: number;
}

/** After a rating button: an optional comment, then the feedback is stored (once per connection). */
export class FeedbackDialog extends InterruptibleDialog {
  constructor(recognizer: DialogRecognizer, private readonly connections: Connections) {
    super(FEEDBACK_DIALOG, recognizer, 'topic_find_supplier');
    this.addDialog(textPrompt());
    this.addDialog(new WaterfallDialog('feedbackSteps', [this.commentStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = 'feedbackSteps';
  }

  private async commentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { leadNo, rating } = step.options as FeedbackOptions;
    const refusal = await this.connections.mayRate(leadNo, userKeyOfTurn(step.context));
    if (refusal) {
      await step.context.sendActivity(say(step.context)(REFUSED[refusal]));
      return step.endDialog();
    }
    return step.prompt(TEXT_PROMPT, say(step.context)('feedbackComment', { rating }));
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { leadNo, rating } = step.options as FeedbackOptions;
    const t = say(step.context);
    const text = String(step.result).trim();
    const comment = this.recognizer.replies.isSkip(text) ? '' : text;
    const refusal = await this.connections.recordFeedback(leadNo, rating, comment, userKeyOfTurn(step.context));
    await step.context.sendActivity(refusal ? t(REFUSED[refusal]) : t('feedbackThanks'));
    return step.endDialog();
  }
}
