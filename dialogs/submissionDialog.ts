import { ActionTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { ActivityPrompt, WaterfallDialog, type DialogTurnResult, type PromptValidatorContext, type Recognizer, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Submission, SubmissionType, Submissions } from '../services/applications/submissions';
import type { Locale, MessageKey } from '../services/i18n';
import { recipientId } from '../services/notices/recipients';
import { confirmCard, isConfirmed } from './cards/supplierCards';
import { userKeyOfTurn } from './bindDialog';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';
import { PHONE_PROMPT, REPLY_PROMPT, TEXT_PROMPT, phonePrompt, replyPrompt, textPrompt } from './prompts';

export interface FormField {
  key: string;
  label: MessageKey;
  ask: MessageKey;
  kind: 'text' | 'phone' | 'evidence' | 'choice';
  /** Buttons offered for a choice (typed text is accepted too). */
  choices?: (context: TurnContext) => Promise<{ title: string; value: string }[]>;
}

export interface FormDefinition {
  id: string;
  type: SubmissionType;
  topic: MessageKey;
  fields: FormField[];
  /** Runs first: may refuse (objections outside a publicity period) or say something before the questions. */
  opening?: (context: TurnContext) => Promise<{ proceed: boolean; message?: string }>;
  /** Said with the summary before confirming (e.g. the materials a change report needs). */
  confirmNote?: (fields: Record<string, string>, locale: Locale) => string;
}

const EVIDENCE_PROMPT = 'evidence';
const CHOICE_PROMPT = 'choice';
/** Files accepted as evidence: images, PDF, Word; a Teams file card carries the file's own type inside. */
const EVIDENCE_TYPES = [/^image\//, /^application\/pdf$/, /^application\/msword$/, /wordprocessingml/, /^application\/vnd\.microsoft\.teams\.file\.download\.info$/];

type Values = { fields: Record<string, string>; evidence: Submission['evidence'] };

/**
 * A submission taken in conversation — objection (异议), recusal request (回避), change report (变更):
 * its questions one by one, a confirmation, then it is stored with a receipt number and staff are told.
 * Nothing is stored before the user confirms.
 */
export class SubmissionDialog extends InterruptibleDialog {
  constructor(private readonly form: FormDefinition, recognizer: Recognizer, private readonly submissions: Submissions) {
    super(form.id, recognizer, form.topic);
    this.addDialog(textPrompt()).addDialog(phonePrompt()).addDialog(replyPrompt());
    this.addDialog(new ActivityPrompt(EVIDENCE_PROMPT, this.validateEvidence.bind(this)));
    this.addDialog(new ActivityPrompt(CHOICE_PROMPT, async (p) => p.recognized.value?.type === 'message' && Boolean((p.recognized.value.value as { choice?: string })?.choice || p.recognized.value.text?.trim())));
    const askSteps = form.fields.map((field, i) => async (step: WaterfallStepContext) => {
      if (i > 0) this.keep(step, form.fields[i - 1]!, step.result);
      return this.ask(step, field);
    });
    this.addDialog(new WaterfallDialog(`${form.id}Steps`, [this.openingStep.bind(this), ...askSteps, this.confirmStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = `${form.id}Steps`;
  }

  private async openingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as Values).fields = {};
    (step.values as Values).evidence = [];
    const opening = this.form.opening ? await this.form.opening(step.context) : { proceed: true };
    if (opening.message) await step.context.sendActivity(opening.message);
    return opening.proceed ? step.next() : step.endDialog();
  }

  private async ask(step: WaterfallStepContext, field: FormField): Promise<DialogTurnResult> {
    const t = say(step.context);
    if (field.kind === 'phone') return step.prompt(PHONE_PROMPT, { prompt: t(field.ask), retryPrompt: t('connectPhoneInvalid') });
    if (field.kind === 'evidence') return step.prompt(EVIDENCE_PROMPT, { prompt: t(field.ask) });
    if (field.kind === 'choice' && field.choices) {
      const buttons = (await field.choices(step.context)).map((c) => ({ type: ActionTypes.MessageBack, title: c.title, text: c.title, displayText: c.title, value: { choice: c.value } }));
      return step.prompt(CHOICE_PROMPT, { prompt: MessageFactory.attachment(CardFactory.heroCard('', t(field.ask), undefined, CardFactory.actions(buttons))) });
    }
    return step.prompt(TEXT_PROMPT, t(field.ask));
  }

  /** Stores the answer to a question: text, a chosen button's value, or evidence files and words. */
  private keep(step: WaterfallStepContext, field: FormField, result: unknown): void {
    const values = step.values as Values;
    if (typeof result === 'string') {
      values.fields[field.key] = result.trim();
      return;
    }
    const activity = result as Activity;
    const choice = (activity.value as { choice?: string } | undefined)?.choice;
    const files = (activity.attachments ?? []).filter((a) => a.contentType && !a.contentType.startsWith('application/vnd.microsoft.card'));
    if (files.length) values.evidence.push(...files.map((a) => ({ name: a.name ?? a.contentType, contentType: a.contentType, url: a.contentUrl })));
    // Files are kept in `evidence`; the field holds what the user wrote (empty when they only sent files).
    values.fields[field.key] = choice ?? (activity.text ?? '').trim();
  }

  private async validateEvidence(prompt: PromptValidatorContext<Activity>): Promise<boolean> {
    const activity = prompt.recognized.value;
    if (!activity || activity.type !== 'message') return false;
    const t = say(prompt.context);
    const files = (activity.attachments ?? []).filter((a) => !a.contentType?.startsWith('application/vnd.microsoft.card'));
    const wrong = files.find((a) => !EVIDENCE_TYPES.some((type) => type.test(a.contentType ?? '')));
    if (wrong) {
      await prompt.context.sendActivity(t('evidenceWrongType', { type: wrong.contentType ?? '?' }));
      return false;
    }
    if (files.length || (activity.text ?? '').trim().length >= 4) return true;
    await prompt.context.sendActivity(t('evidenceTooShort'));
    return false;
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.keep(step, this.form.fields.at(-1)!, step.result);
    const t = say(step.context);
    const { fields, evidence } = step.values as Values;
    const summary = this.form.fields.map((f) => `${t(f.label)}：${fields[f.key]}${f.kind === 'evidence' && evidence.length ? `（${evidence.map((e) => e.name).join('、')}）` : ''}`).join('\n\n');
    const note = this.form.confirmNote?.(fields, localeOf(step.context));
    return step.prompt(REPLY_PROMPT, { prompt: MessageFactory.attachment(confirmCard(t, `${t('confirmSubmission', { summary })}${note ? `\n\n${note}` : ''}`)) });
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = step.result as Activity;
    const t = say(step.context);
    if (!isConfirmed(reply)) {
      await step.context.sendActivity(t('cancelled'));
      return step.endDialog();
    }
    const { fields, evidence } = step.values as Values;
    // The conversation it was filed in, where staff's answer goes back (services/staff/submissionDesk.ts).
    const { channelId, conversation } = step.context.activity;
    const saved = await this.submissions.submit({ type: this.form.type, userKey: userKeyOfTurn(step.context), recipientId: recipientId(channelId, conversation.id), locale: localeOf(step.context), fields, evidence });
    await step.context.sendActivity(t('submissionDone', { receiptNo: saved.receiptNo }));
    return step.endDialog(saved.receiptNo);
  }
}
