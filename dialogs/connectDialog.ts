import { TurnContext } from 'botbuilder';
import type { BindingService } from '../services/applications/binding';
import type { CatalogIndex } from '../services/catalog/catalogIndex';
import type { Connections } from '../services/matching/connections';
import type { Need } from '../services/matching/need';
import { userKeyOfTurn } from './bindDialog';
import type { DialogRecognizer } from './intentRecognizer';
import { localeOf, say } from './locale';
import type { FormDefinition } from './formDefinition';
import { SubmissionDialog } from './submissionDialog';

export const CONNECT_DIALOG = 'connectSupplier';

export interface ConnectOptions {
  creditCode: string;
  need: Need;
}

/** 对接 as a form: the manufacturer's company, contact and phone, a confirmation, then the lead is recorded. */
export function connectForm(catalog: CatalogIndex, connections: Connections, feedbackAfterDays: number, binding?: BindingService): FormDefinition {
  return {
    id: CONNECT_DIALOG,
    topic: 'topic_find_supplier',
    opening: async (context, options) => {
      const supplier = catalog.current().find((options as ConnectOptions).creditCode);
      if (!supplier) return { proceed: false, message: say(context)('connectGone') };
      const about = { supplierCode: supplier.creditCode, supplierName: supplier.name };
      // A user bound to one enterprise connects as that enterprise: no need to ask its name.
      const bound = (await binding?.list(userKeyOfTurn(context))) ?? [];
      if (bound.length !== 1) return { proceed: true, fields: about };
      const company = bound[0]!.enterpriseName;
      return { proceed: true, fields: { ...about, company }, message: say(context)('connectAsBound', { supplier: supplier.name, company }) };
    },
    fields: [
      { key: 'company', label: 'field_organisation', ask: 'connectCompany', kind: 'text', askParams: (fields) => ({ supplier: fields.supplierName ?? '' }) },
      { key: 'contact', label: 'field_contact', ask: 'connectContact', kind: 'text' },
      { key: 'phone', label: 'field_phone', ask: 'connectPhone', kind: 'phone' },
    ],
    confirmText: (t, f) => t('connectConfirm', { supplier: f.supplierName ?? '', company: f.company ?? '', contact: f.contact ?? '', phone: f.phone ?? '' }),
    save: async (context, fields, options) => {
      const t = say(context);
      const supplier = catalog.current().find(fields.supplierCode!);
      if (!supplier) return { reply: t('connectGone'), result: undefined };
      const lead = await connections.connect({
        supplier,
        need: (options as ConnectOptions).need,
        manufacturer: { company: fields.company!, contactName: fields.contact!, phone: fields.phone! },
        conversation: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
        locale: localeOf(context),
        requester: userKeyOfTurn(context),
      });
      const { contact } = lead.supplier;
      return { reply: t('connectDone', { leadNo: lead.leadNo, supplier: lead.supplier.name, contactName: contact.name, phone: contact.phone, email: contact.email, days: feedbackAfterDays }), result: lead.leadNo };
    },
  };
}

/** The connect form as the dialog FindSupplierDialog hands a chosen supplier to. */
export class ConnectDialog extends SubmissionDialog {
  constructor(recognizer: DialogRecognizer, catalog: CatalogIndex, connections: Connections, feedbackAfterDays: number, binding?: BindingService) {
    super(connectForm(catalog, connections, feedbackAfterDays, binding), recognizer);
  }
}
