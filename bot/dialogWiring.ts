import type { TurnContext } from 'botbuilder';
import type { BindingService } from '../services/applications/binding';
import type { Guidance } from '../services/applications/guidance';
import type { Submissions } from '../services/applications/submissions';
import type { CatalogIndex } from '../services/catalog/catalogIndex';
import type { EvidenceKeeper } from '../services/evidence/evidence';
import type { Connections } from '../services/matching/connections';
import type { EnglishNames } from '../services/matching/matchIndex';
import type { NoticeReader } from '../services/notices/noticeReader';
import type { Notices } from '../services/notices/notices';
import type { Recipients } from '../services/notices/recipients';
import type { EntityExtractor } from '../services/understanding/entities';
import type { UtteranceLog } from '../services/understanding/utteranceLog';
import { BindDialog } from '../dialogs/bindDialog';
import { ConnectDialog } from '../dialogs/connectDialog';
import { changeReportForm, objectionForm, recusalForm } from '../dialogs/enterpriseForms';
import { FeedbackDialog } from '../dialogs/feedbackDialog';
import { FindSupplierDialog } from '../dialogs/findSupplierDialog';
import type { IntentRecognizer } from '../dialogs/intentRecognizer';
import type { KnowledgeDesk } from '../dialogs/knowledgeAnswer';
import { MainDialog, type MainDialogOptions } from '../dialogs/mainDialog';
import { StaffNoticeDialog } from '../dialogs/staffNoticeDialog';
import { StatusDialog } from '../dialogs/statusDialog';
import { SubmissionDialog } from '../dialogs/submissionDialog';
import { SubscriptionDesk } from '../dialogs/subscriptions';

/** The services the conversation flows run over (built by wire(), or by a dialog test over its own store). */
export interface DialogParts {
  recognizer: IntentRecognizer;
  catalog: CatalogIndex;
  extractor: EntityExtractor;
  english: EnglishNames;
  connections: Connections;
  feedbackAfterDays: number;
  binding: BindingService;
  knowledge: KnowledgeDesk;
  guidance: Guidance;
  noticeReader: NoticeReader;
  letterUrl: (receiptNo: string, token: string) => string;
  submissions: Submissions;
  evidence: EvidenceKeeper;
  recipients: Recipients;
  notices: Notices;
  isStaff: (context: TurnContext) => boolean;
  utteranceLog: UtteranceLog;
}

/** The main dialog with every flow it routes to. */
export function buildMainDialog(parts: DialogParts): MainDialog {
  return new MainDialog(parts.recognizer, mainDialogOptions(parts));
}

/** Every flow and desk the main dialog routes to, over these services (a test may replace one). */
export function mainDialogOptions(parts: DialogParts): MainDialogOptions {
  const { recognizer, catalog, connections, binding, knowledge, submissions, evidence } = parts;
  const bind = new BindDialog(recognizer, binding);
  const connect = new ConnectDialog(recognizer, catalog, connections, parts.feedbackAfterDays, binding);
  return {
    utteranceLog: parts.utteranceLog,
    flows: {
      find_supplier: new FindSupplierDialog(recognizer, catalog, parts.extractor, parts.english, connect),
      bind_enterprise: bind,
      application_status: new StatusDialog('applicationStatus', 'recognition', recognizer, binding, bind, (context, process) => knowledge.explainProcess(context, process)),
      evaluation_status: new StatusDialog('evaluationStatus', 'evaluation', recognizer, binding, bind, (context, process) => knowledge.explainProcess(context, process)),
      objection: new SubmissionDialog(objectionForm(parts.noticeReader, parts.letterUrl), recognizer, submissions, evidence),
      recusal: new SubmissionDialog(recusalForm(), recognizer, submissions, evidence),
      change_report: new SubmissionDialog(changeReportForm(parts.guidance), recognizer, submissions, evidence),
    },
    knowledge,
    notices: parts.noticeReader,
    subscriptions: new SubscriptionDesk({ recipients: parts.recipients, notices: parts.noticeReader, submissions, replies: recognizer.replies }),
    staffNotice: new StaffNoticeDialog(recognizer, parts.notices, parts.isStaff),
    feedback: new FeedbackDialog(recognizer, connections),
  };
}
