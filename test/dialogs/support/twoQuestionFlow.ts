import { TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { InterruptibleDialog } from '../../../dialogs/interruptions';
import type { DialogRecognizer } from '../../../dialogs/intentRecognizer';

/** A flow with two prompts, standing in for the real flows (binding, objections) in interruption tests. */
export class TwoQuestionFlow extends InterruptibleDialog {
  static readonly ID = 'twoQuestionFlow';

  constructor(recognizer: DialogRecognizer) {
    super(TwoQuestionFlow.ID, recognizer, 'topic_bind_enterprise');
    this.addDialog(new TextPrompt('text'));
    this.addDialog(
      new WaterfallDialog('steps', [
        (step: WaterfallStepContext) => step.prompt('text', 'Q1: 请输入统一社会信用代码'),
        (step: WaterfallStepContext) => step.prompt('text', `Q2: 请输入查询码 (got ${step.result})`),
        async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
          await step.context.sendActivity(`done: ${step.result}`);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }
}
