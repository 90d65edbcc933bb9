import { TurnContext } from 'botbuilder';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type PromptOptions, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { userKeyOf, type BindingService } from '../services/applications/binding';
import { CreditCode } from '../services/identity/creditCode';
import type { Translate, MessageKey } from '../services/i18n';
import type { FlowOptions } from './mainDialog';
import { InterruptibleDialog } from './interruptions';
import { localeOf, say } from './locale';
import { TEXT_PROMPT, textPrompt } from './prompts';
import type { DialogRecognizer } from './intentRecognizer';

export const BIND_DIALOG = 'bindEnterprise';
const CODE_PROMPT = 'creditCodePrompt';
/** A text prompt whose validator explains what was wrong itself, so the prompt is not repeated on retry. */
class SilentRetryPrompt extends TextPrompt {
  protected override async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    if (!isRetry) await super.onPrompt(context, state, options, isRetry);
  }
}

export const userKeyOfTurn = (context: TurnContext): string => userKeyOf(context.activity.channelId, context.activity.from.id);

/** The mistyped-code message, with the code the user most likely meant when there is one. */
function mistyped(t: Translate, raw: string): string {
  const checked = CreditCode.check(raw);
  if (checked.ok) return '';
  const problem = t(`problem_${checked.problem}` as MessageKey);
  const fixed = checked.normalized.length === 18 ? CreditCode.check(checked.normalized.replace(/O/g, '0').replace(/I/g, '1')) : null;
  return fixed?.ok ? t('bindMistypedSuggestion', { problem, suggestion: fixed.code.value }) : t('bindMistyped', { problem });
}

/**
 * 绑定企业: the credit code (its check character validated, so a typo is called a typo), then the access
 * code; also one-shot "绑定 <信用代码> <查询码>", and "解除绑定".
 */
export class BindDialog extends InterruptibleDialog {
  constructor(recognizer: DialogRecognizer, private readonly binding: BindingService) {
    super(BIND_DIALOG, recognizer, 'topic_bind_enterprise');
    this.addDialog(textPrompt());
    this.addDialog(new SilentRetryPrompt(CODE_PROMPT, this.validateCode.bind(this)));
    this.addDialog(new WaterfallDialog('bindSteps', [this.codeStep.bind(this), this.accessCodeStep.bind(this), this.verifyStep.bind(this)]));
    this.initialDialogId = 'bindSteps';
  }

  private async validateCode(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const raw = prompt.recognized.value ?? '';
    if (CreditCode.check(raw).ok) return true;
    await prompt.context.sendActivity(raw.trim() ? mistyped(say(prompt.context), raw) : say(prompt.context)('bindAskCode'));
    return false;
  }

  private async codeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = say(step.context);
    const text = step.context.activity.text ?? '';
    const { entities } = (step.options ?? { entities: {} }) as FlowOptions;
    if (this.recognizer.replies.is('unbind', text)) {
      const userKey = userKeyOfTurn(step.context);
      const bound = await this.binding.list(userKey);
      const target = entities.creditCode ? bound.find((b) => b.creditCode === entities.creditCode) : undefined;
      const removed = await this.binding.unbind(userKey, target?.creditCode);
      await step.context.sendActivity(!removed ? t('unbindNone') : target ? t('unbindDone', { enterprise: target.enterpriseName }) : t('unbindAllDone', { count: removed }));
      return step.endDialog();
    }
    if (entities.creditCode) return step.next(entities.creditCode);
    const near = entities.nearCreditCode?.text;
    return step.prompt(CODE_PROMPT, { prompt: near ? mistyped(t, near) : t('bindAskCode') });
  }

  private async accessCodeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const code = CreditCode.parse(String(step.result)).value;
    (step.values as { code: string }).code = code;
    // One-shot: "绑定 91440100FUE1PCUFUL GZ-1960" carries the access code after the credit code.
    const after = (step.context.activity.text ?? '').toUpperCase().split(code)[1]?.trim().split(/\s+/)[0];
    if (after && (step.context.activity.text ?? '').toUpperCase().includes(code)) return step.next(after);
    return step.prompt(TEXT_PROMPT, say(step.context)('bindAskAccessCode'));
  }

  private async verifyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = say(step.context);
    const result = await this.binding.bind({
      userKey: userKeyOfTurn(step.context),
      creditCode: (step.values as { code: string }).code,
      accessCode: String(step.result),
      conversation: TurnContext.getConversationReference(step.context.activity) as Record<string, unknown>,
      locale: localeOf(step.context),
    });
    if (result.ok) {
      await step.context.sendActivity(t('bindDone', { enterprise: result.binding.enterpriseName }));
      return step.endDialog(result.binding);
    }
    if (result.reason === 'locked') {
      const time = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(result.until);
      await step.context.sendActivity(t('bindLocked', { time }));
    } else {
      await step.context.sendActivity(t('bindNoMatch'));
    }
    return step.endDialog();
  }
}
