import { ActionTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { ActivityPrompt, TextPrompt, WaterfallDialog, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Submission, Submissions } from '../services/applications/submissions';
import type { EvidenceKeeper, KeptEvidence } from '../services/evidence/evidence';
import { recipientId } from '../services/notices/recipients';
import { rootConversationId } from './conversationKey';
import { confirmCard, isConfirmed } from './cards/supplierCards';
import { userKeyOfTurn } from './bindDialog';
import type { FormDefinition, FormField } from './formDefinition';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';
import { PHONE_PROMPT, REPLY_PROMPT, TEXT_PROMPT, phonePrompt, replyPrompt, textPrompt } from './prompts';
import type { DialogRecognizer } from './intentRecognizer';

/** A prefilled or skipped field's step passes this instead of an answer, so nothing is kept for it. */
const PREFILLED = Symbol('prefilled');

const EVIDENCE_PROMPT = 'evidence';
const CHOICE_PROMPT = 'choice';
const PARSED_PROMPT = 'parsed';
/** The files of this turn's evidence answer, kept (bytes stored) by the validator for the step that follows. */
const KEPT_THIS_TURN = Symbol('keptEvidence');

type Values = { fields: Record<string, string>; evidence: Submission['evidence'] };

/**
 * A submission taken in conversation — objection (异议), recusal request (回避), change report (变更):
 * its questions one by one, a confirmation, then it is stored with a receipt number and staff are told.
 * Nothing is stored before the user confirms.
 */
export class SubmissionDialog extends InterruptibleDialog {
  constructor(private readonly form: FormDefinition, recognizer: DialogRecognizer, private readonly submissions?: Submissions, private readonly evidence?: EvidenceKeeper) {
    super(form.id, recognizer, form.topic);
    if (!form.save && !(form.type && submissions)) throw new Error(`form ${form.id} needs a submission type and Submissions, or its own save`);
    this.addDialog(textPrompt()).addDialog(phonePrompt()).addDialog(replyPrompt());
    this.addDialog(new ActivityPrompt(EVIDENCE_PROMPT, this.validateEvidence.bind(this)));
    this.addDialog(new ActivityPrompt(CHOICE_PROMPT, async (p) => p.recognized.value?.type === 'message' && (await this.choiceOf(p.context, this.field((p.options.validations as { key: string }).key), p.recognized.value)) !== null));
    this.addDialog(new TextPrompt(PARSED_PROMPT, async (p) => p.recognized.succeeded && this.field((p.options.validations as { key: string }).key).parse!(p.recognized.value!) !== null));
    const askSteps = form.fields.map((field, i) => async (step: WaterfallStepContext) => {
      if (i > 0 && (await this.keep(step, form.fields[i - 1]!, step.result))) return step.endDialog();
      const { fields } = step.values as Values;
      if (fields[field.key] || (field.when && !field.when(fields))) return step.next(PREFILLED);
      return this.ask(step, field);
    });
    const steps = [this.openingStep.bind(this), ...askSteps, this.confirmStep.bind(this), this.saveStep.bind(this)];
    this.addDialog(new WaterfallDialog(`${form.id}Steps`, steps.map((step) => this.guarded(step))));
    this.initialDialogId = `${form.id}Steps`;
  }

  /** The step, for those the form allows; anyone else is told so and the form is dropped, unsaved. */
  private guarded(step: (step: WaterfallStepContext) => Promise<DialogTurnResult>): (step: WaterfallStepContext) => Promise<DialogTurnResult> {
    const only = this.form.only;
    if (!only) return step;
    return async (context) => {
      if (only.allowed(context.context)) return step(context);
      await context.context.sendActivity(say(context.context)(only.refusal));
      return context.endDialog();
    };
  }

  private field(key: string): FormField {
    return this.form.fields.find((f) => f.key === key)!;
  }

  /** A choice's answer: a button's value (one of the choices, when the field names its group) or its typed words. */
  private async choiceOf(context: TurnContext, field: FormField, activity: Activity): Promise<string | null> {
    const value = (activity.value as { choice?: string } | undefined)?.choice;
    if (!field.named) return value || activity.text?.trim() || null;
    const allowed = field.choices ? (await field.choices(context)).map((c) => c.value) : [];
    if (value && allowed.includes(value)) return value;
    return this.recognizer.replies.choice(field.named, activity.text) ?? field.fallback ?? null;
  }

  private async openingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // What the user said before the form began (公司改名了 → the kind of change) is not asked again.
    const prefill = (step.options as { prefill?: Record<string, string> } | undefined)?.prefill ?? {};
    (step.values as Values).fields = Object.fromEntries(this.form.fields.filter((f) => prefill[f.key]).map((f) => [f.key, this.prefilled(step.context, f, prefill[f.key]!)]));
    (step.values as Values).evidence = [];
    const opening = this.form.opening ? await this.form.opening(step.context, step.options) : { proceed: true };
    Object.assign((step.values as Values).fields, opening.fields);
    if (opening.message) await step.context.sendActivity(opening.message);
    return opening.proceed ? step.next() : step.endDialog();
  }

  private async ask(step: WaterfallStepContext, field: FormField): Promise<DialogTurnResult> {
    const t = say(step.context);
    const ask = t(field.ask, field.askParams?.((step.values as Values).fields));
    if (field.kind === 'phone') return step.prompt(PHONE_PROMPT, { prompt: ask, retryPrompt: t(field.retry ?? 'connectPhoneInvalid') });
    if (field.parse) return step.prompt(PARSED_PROMPT, { prompt: ask, retryPrompt: field.retry ? t(field.retry) : ask, validations: { key: field.key } });
    if (field.kind === 'evidence') return step.prompt(EVIDENCE_PROMPT, { prompt: ask });
    if (field.kind === 'choice' && field.choices) {
      const buttons = (await field.choices(step.context)).map((c) => ({ type: ActionTypes.MessageBack, title: c.title, text: c.title, displayText: c.title, value: { choice: c.value } }));
      const actions = CardFactory.actions(buttons);
      const card = field.askInText ? CardFactory.heroCard('', undefined, actions) : CardFactory.heroCard('', ask, undefined, actions);
      return step.prompt(CHOICE_PROMPT, { prompt: MessageFactory.attachment(card, field.askInText ? ask : undefined), validations: { key: field.key } });
    }
    return step.prompt(TEXT_PROMPT, ask);
  }

  /**
   * Stores the answer to a question: text, a chosen button's value, or evidence files and words. True when the
   * answer ends the form (its message is said).
   */
  private async keep(step: WaterfallStepContext, field: FormField, result: unknown): Promise<boolean> {
    if (result === PREFILLED) return false;
    const values = step.values as Values;
    values.fields[field.key] = await this.answer(step, field, result);
    const ends = field.endsWith?.[values.fields[field.key]!];
    if (ends) await step.context.sendActivity(say(step.context)(ends));
    return Boolean(ends);
  }

  private async answer(step: WaterfallStepContext, field: FormField, result: unknown): Promise<string> {
    if (typeof result === 'string') {
      if (field.parse) return field.parse(result)!;
      // A phone number is kept as digits: the prompt accepted it with its spaces taken out.
      return field.kind === 'phone' ? result.replace(/\s+/g, '') : result.trim();
    }
    const activity = result as Activity;
    const choice = (activity.value as { choice?: string } | undefined)?.choice;
    // Only files whose bytes the validator stored: never a link as the client wrote it.
    const kept = (step.context.turnState.get(KEPT_THIS_TURN) as KeptEvidence[] | undefined) ?? [];
    if (field.kind === 'evidence') (step.values as Values).evidence.push(...kept.map((k) => ({ name: k.name, contentType: k.contentType, fileId: k.fileId, size: k.size, sha256: k.sha256 })));
    if (field.kind === 'choice' && field.named) return (await this.choiceOf(step.context, field, activity))!;
    // Files are kept in `evidence`; the field holds what the user wrote (empty when they only sent files).
    return choice ?? (activity.text ?? '').trim();
  }

  private async validateEvidence(prompt: PromptValidatorContext<Activity>): Promise<boolean> {
    const activity = prompt.recognized.value;
    if (!activity || activity.type !== 'message') return false;
    const t = say(prompt.context);
    const files = (activity.attachments ?? []).filter((a) => !a.contentType?.startsWith('application/vnd.microsoft.card'));
    const kept: KeptEvidence[] = [];
    for (const file of files) {
      const result = this.evidence ? await this.evidence.keep(file) : ({ ok: false, reason: 'unavailable' } as const);
      if (!result.ok) {
        if (result.reason === 'type') await prompt.context.sendActivity(t('evidenceWrongType', { type: file.contentType ?? '?' }));
        else await prompt.context.sendActivity(t(result.reason === 'too_large' ? 'evidenceTooLarge' : 'evidenceNotKept', { name: file.name ?? file.contentType ?? '?' }));
        return false;
      }
      kept.push(result.kept);
    }
    prompt.context.turnState.set(KEPT_THIS_TURN, kept);
    if (files.length || (activity.text ?? '').trim().length >= 4) return true;
    await prompt.context.sendActivity(t('evidenceTooShort'));
    return false;
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (await this.keep(step, this.form.fields.at(-1)!, step.result)) return step.endDialog();
    const t = say(step.context);
    const { fields, evidence } = step.values as Values;
    const summary = this.form.confirmText ? null : this.form.fields.filter((f) => !f.when || f.when(fields)).map((f) => `${t(f.label)}：${fields[f.key]}${f.kind === 'evidence' && evidence.length ? `（${evidence.map((e) => e.name).join('、')}）` : ''}`).join('\n\n');
    const note = this.form.confirmNote?.(fields, localeOf(step.context));
    const text = this.form.confirmText ? this.form.confirmText(t, fields) : t('confirmSubmission', { summary: summary! });
    return step.prompt(REPLY_PROMPT, { prompt: MessageFactory.attachment(confirmCard(t, `${text}${note ? `\n\n${note}` : ''}`)) });
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const reply = step.result as Activity;
    const t = say(step.context);
    if (!isConfirmed(reply, this.recognizer.replies)) {
      await step.context.sendActivity(t('cancelled'));
      return step.endDialog();
    }
    const { fields, evidence } = step.values as Values;
    if (this.form.save) {
      const saved = await this.form.save(step.context, fields, step.options);
      await step.context.sendActivity(saved.reply);
      return step.endDialog(saved.result);
    }
    const enriched = this.form.enrich ? await this.form.enrich(step.context, fields) : { fields };
    // The conversation it was filed in, where staff's answer goes back (services/staff/submissionDesk.ts).
    const { channelId, conversation } = step.context.activity;
    const saved = await this.submissions!.submit({
      type: this.form.type!, userKey: userKeyOfTurn(step.context), recipientId: recipientId(channelId, rootConversationId(conversation.id)), locale: localeOf(step.context), fields: enriched.fields, evidence,
      ...(enriched.secretHash ? { letterTokenHash: enriched.secretHash } : {}),
    });
    await step.context.sendActivity(this.form.done ? await this.form.done(step.context, saved, enriched.secret) : t('submissionDone', { receiptNo: saved.receiptNo }));
    return step.endDialog(saved.receiptNo);
  }

  /** A prefilled choice is stored as its button would have stored it (a kind key → its word in the user's language). */
  private prefilled(context: TurnContext, field: FormField, value: string): string {
    return field.kind === 'choice' && field.prefillLabel ? field.prefillLabel(context, value) : value;
  }
}
