import { WaterfallDialog, type DialogTurnResult, type Recognizer, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Connections } from '../services/matching/connections';
import { InterruptibleDialog } from './interruptions';
import { say } from './locale';
import { TEXT_PROMPT, textPrompt } from './prompts';

export const FEEDBACK_DIALOG = 'connectionFeedback';

export interface FeedbackOptions {
  leadNo: string;
  rating: number;
}

/** After a rating button: an optional comment, then the feedback is stored (once per connection). */
export class FeedbackDialog extends InterruptibleDialog {
  constructor(recognizer: Recognizer, private readonly connections: Connections) {
    super(FEEDBACK_DIALOG, recognizer, 'topic_find_supplier');
    this.addDialog(textPrompt());
    this.addDialog(new WaterfallDialog('feedbackSteps', [this.commentStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = 'feedbackSteps';
  }

  private async commentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { rating } = step.options as FeedbackOptions;
    return step.prompt(TEXT_PROMPT, say(step.context)('feedbackComment', { rating }));
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { leadNo, rating } = step.options as FeedbackOptions;
    const t = say(step.context);
    const text = String(step.result).trim();
    const comment = /^(跳过|skip|没有|无|no)$/i.test(text) ? '' : text;
    const saved = await this.connections.recordFeedback(leadNo, rating, comment);
    await step.context.sendActivity(saved ? t('feedbackThanks') : t('feedbackAlready'));
    return step.endDialog();
  }
}
