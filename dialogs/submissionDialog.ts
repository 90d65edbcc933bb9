import { ActionTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { ActivityPrompt, WaterfallDialog, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Submission, SubmissionType, Submissions } from '../services/applications/submissions';
import type { Locale, MessageKey, Translate } from '../services/i18n';
import type { EvidenceKeeper, KeptEvidence } from '../services/evidence/evidence';
import { recipientId } from '../services/notices/recipients';
import { rootConversationId } from './conversationKey';
import { confirmCard, isConfirmed } from './cards/supplierCards';
import { userKeyOfTurn } from './bindDialog';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';
import { PHONE_PROMPT, REPLY_PROMPT, TEXT_PROMPT, phonePrompt, replyPrompt, textPrompt } from './prompts';
import type { DialogRecognizer } from './intentRecognizer';

export interface FormField {
  key: string;
  label: MessageKey;
  ask: MessageKey;
  kind: 'text' | 'phone' | 'evidence' | 'choice';
  /** Buttons offered for a choice (typed text is accepted too). */
  choices?: (context: TurnContext) => Promise<{ title: string; value: string }[]>;
  /** How a prefilled value (a key such as "name") reads as this choice's answer. */
  prefillLabel?: (context: TurnContext, value: string) => string;
  /** Values for the question's {placeholders}, from the answers so far (the supplier's name). */
  askParams?: (fields: Record<string, string>) => Record<string, string>;
}

/**
 * A form taken in conversation: its questions one by one, a confirmation, then it is saved. A submission
 * (异议, 回避, 变更) is stored as its `type`; another form (对接) says how it is saved itself (`save`).
 */
export interface FormDefinition {
  id: string;
  /** Stored as this kind of submission, unless the form saves itself. */
  type?: SubmissionType;
  topic: MessageKey;
  fields: FormField[];
  /**
   * Runs first, with the options the form was started with: may refuse (objections outside a publicity period,
   * a supplier gone), say something before the questions, or answer some itself (a bound user's company).
   */
  opening?: (context: TurnContext, options: unknown) => Promise<{ proceed: boolean; message?: string; fields?: Record<string, string> }>;
  /** The confirmation's text instead of the list of answers. */
  confirmText?: (t: Translate, fields: Record<string, string>) => string;
  /** Said with the summary before confirming (e.g. the materials a change report needs). */
  confirmNote?: (fields: Record<string, string>, locale: Locale) => string;
  /** Saves a confirmed form that is not a submission: what the user reads, and what the dialog returns. */
  save?: (context: TurnContext, fields: Record<string, string>, options: unknown) => Promise<{ reply: Partial<Activity> | string; result: string | undefined }>;
  /**
   * Runs on confirming, before storing: adds what the form knows by itself (the publicity notice and its
   * deadline) and may keep a secret for a download link (its hash is stored; the secret goes to `done`).
   */
  enrich?: (context: TurnContext, fields: Record<string, string>) => Promise<{ fields: Record<string, string>; secret?: string; secretHash?: string }>;
  /** What the user reads once it is stored; default: submissionDone with the receipt number. */
  done?: (context: TurnContext, saved: Submission, secret?: string) => Promise<Partial<Activity> | string>;
}

/** A prefilled field's step passes this instead of an answer, so the value given up front is kept. */
const PREFILLED = Symbol('prefilled');

const EVIDENCE_PROMPT = 'evidence';
const CHOICE_PROMPT = 'choice';
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
    this.addDialog(new ActivityPrompt(CHOICE_PROMPT, async (p) => p.recognized.value?.type === 'message' && Boolean((p.recognized.value.value as { choice?: string })?.choice || p.recognized.value.text?.trim())));
    const askSteps = form.fields.map((field, i) => async (step: WaterfallStepContext) => {
      if (i > 0) this.keep(step, form.fields[i - 1]!, step.result);
      if ((step.values as Values).fields[field.key]) return step.next(PREFILLED);
      return this.ask(step, field);
    });
    this.addDialog(new WaterfallDialog(`${form.id}Steps`, [this.openingStep.bind(this), ...askSteps, this.confirmStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = `${form.id}Steps`;
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
    if (field.kind === 'phone') return step.prompt(PHONE_PROMPT, { prompt: ask, retryPrompt: t('connectPhoneInvalid') });
    if (field.kind === 'evidence') return step.prompt(EVIDENCE_PROMPT, { prompt: ask });
    if (field.kind === 'choice' && field.choices) {
      const buttons = (await field.choices(step.context)).map((c) => ({ type: ActionTypes.MessageBack, title: c.title, text: c.title, displayText: c.title, value: { choice: c.value } }));
      return step.prompt(CHOICE_PROMPT, { prompt: MessageFactory.attachment(CardFactory.heroCard('', ask, undefined, CardFactory.actions(buttons))) });
    }
    return step.prompt(TEXT_PROMPT, ask);
  }

  /** Stores the answer to a question: text, a chosen button's value, or evidence files and words. */
  private keep(step: WaterfallStepContext, field: FormField, result: unknown): void {
    if (result === PREFILLED) return;
    const values = step.values as Values;
    if (typeof result === 'string') {
      // A phone number is kept as digits: the prompt accepted it with its spaces taken out.
      values.fields[field.key] = field.kind === 'phone' ? result.replace(/\s+/g, '') : result.trim();
      return;
    }
    const activity = result as Activity;
    const choice = (activity.value as { choice?: string } | undefined)?.choice;
    // Only files whose bytes the validator stored: never a link as the client wrote it.
    const kept = (step.context.turnState.get(KEPT_THIS_TURN) as KeptEvidence[] | undefined) ?? [];
    if (field.kind === 'evidence') values.evidence.push(...kept.map((k) => ({ name: k.name, contentType: k.contentType, fileId: k.fileId, size: k.size, sha256: k.sha256 })));
    // Files are kept in `evidence`; the field holds what the user wrote (empty when they only sent files).
    values.fields[field.key] = choice ?? (activity.text ?? '').trim();
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
    this.keep(step, this.form.fields.at(-1)!, step.result);
    const t = say(step.context);
    const { fields, evidence } = step.values as Values;
    const summary = this.form.confirmText ? null : this.form.fields.map((f) => `${t(f.label)}：${fields[f.key]}${f.kind === 'evidence' && evidence.length ? `（${evidence.map((e) => e.name).join('、')}）` : ''}`).join('\n\n');
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
