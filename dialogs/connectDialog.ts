import { MessageFactory, TurnContext, type Activity } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CatalogIndex } from '../services/catalog/catalogIndex';
import type { Connections } from '../services/matching/connections';
import type { Need } from '../services/matching/need';
import type { Supplier } from '../services/model/supplier';
import type { BindingService } from '../services/applications/binding';
import { userKeyOfTurn } from './bindDialog';
import { confirmCard, isConfirmed } from './cards/supplierCards';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';
import { PHONE_PROMPT, REPLY_PROMPT, TEXT_PROMPT, phonePrompt, replyPrompt, textPrompt } from './prompts';
import type { DialogRecognizer } from './intentRecognizer';

export const CONNECT_DIALOG = 'connectSupplier';

interface ConnectValues {
  supplier: Supplier;
  company: string;
  contact: string;
  phone: string;
}
const v = (step: WaterfallStepContext) => step.values as ConnectValues;

export interface ConnectOptions {
  creditCode: string;
  need: Need;
}

/** 对接: the manufacturer's company, contact and phone, a confirmation, then the lead is recorded. */
export class ConnectDialog extends InterruptibleDialog {
  constructor(
    recognizer: DialogRecognizer,
    private readonly catalog: CatalogIndex,
    private readonly connections: Connections,
    private readonly feedbackAfterDays: number,
    private readonly binding?: BindingService,
  ) {
    super(CONNECT_DIALOG, recognizer, 'topic_find_supplier');
    this.addDialog(textPrompt()).addDialog(phonePrompt()).addDialog(replyPrompt());
    this.addDialog(new WaterfallDialog('connectSteps', [this.companyStep.bind(this), this.contactStep.bind(this), this.phoneStep.bind(this), this.confirmStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = 'connectSteps';
  }

  private async companyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { creditCode } = step.options as ConnectOptions;
    const supplier = this.catalog.current().find(creditCode);
    if (!supplier) {
      await step.context.sendActivity(say(step.context)('connectGone'));
      return step.endDialog();
    }
    v(step).supplier = supplier;
    // A user bound to one enterprise connects as that enterprise: no need to ask its name.
    const bound = (await this.binding?.list(userKeyOfTurn(step.context))) ?? [];
    if (bound.length === 1) {
      await step.context.sendActivity(say(step.context)('connectAsBound', { supplier: supplier.name, company: bound[0]!.enterpriseName }));
      return step.next(bound[0]!.enterpriseName);
    }
    return step.prompt(TEXT_PROMPT, say(step.context)('connectCompany', { supplier: supplier.name }));
  }

  private async contactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    v(step).company = String(step.result).trim();
    return step.prompt(TEXT_PROMPT, say(step.context)('connectContact'));
  }

  private async phoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    v(step).contact = String(step.result).trim();
    const t = say(step.context);
    return step.prompt(PHONE_PROMPT, { prompt: t('connectPhone'), retryPrompt: t('connectPhoneInvalid') });
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    v(step).phone = String(step.result).replace(/\s+/g, '');
    const t = say(step.context);
    const text = t('connectConfirm', { supplier: v(step).supplier.name, company: v(step).company, contact: v(step).contact, phone: v(step).phone });
    return step.prompt(REPLY_PROMPT, { prompt: MessageFactory.attachment(confirmCard(t, text)) });
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = step.result as Activity;
    const t = say(step.context);
    if (!isConfirmed(reply, this.recognizer.replies)) {
      await step.context.sendActivity(t('cancelled'));
      return step.endDialog();
    }
    const { need } = step.options as ConnectOptions;
    const lead = await this.connections.connect({
      supplier: v(step).supplier,
      need,
      manufacturer: { company: v(step).company, contactName: v(step).contact, phone: v(step).phone },
      conversation: TurnContext.getConversationReference(step.context.activity) as Record<string, unknown>,
      locale: localeOf(step.context),
      requester: userKeyOfTurn(step.context),
    });
    const { contact } = lead.supplier;
    await step.context.sendActivity(t('connectDone', { leadNo: lead.leadNo, supplier: lead.supplier.name, contactName: contact.name, phone: contact.phone, email: contact.email, days: this.feedbackAfterDays }));
    return step.endDialog(lead.leadNo);
  }
}
