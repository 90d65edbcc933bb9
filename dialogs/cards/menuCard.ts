import { ActionTypes, CardFactory, type Attachment } from 'botbuilder';
import type { Translate } from '../../services/i18n';

/**
 * The three jobs as buttons. imBack sends the button's text as the user's message, so the choice goes
 * through the same understanding as typed text and keeps the user's language.
 */
export function menuCard(say: Translate): Attachment {
  return CardFactory.heroCard(
    say('assistantName'),
    [
      `• ${say('menuEnterprise')} — ${say('menuEnterpriseHint')}`,
      `• ${say('menuSupplier')} — ${say('menuSupplierHint')}`,
      `• ${say('menuNotices')} — ${say('menuNoticesHint')}`,
    ].join('\n\n'),
    undefined,
    CardFactory.actions([
      { type: ActionTypes.ImBack, title: say('menuEnterprise'), value: say('menuEnterprise') },
      { type: ActionTypes.ImBack, title: say('menuSupplier'), value: say('menuSupplier') },
      { type: ActionTypes.ImBack, title: say('menuNotices'), value: say('menuNotices') },
    ]),
  );
}
