import { translator, type Locale } from '../i18n';
import type { Submission } from './submissions';

/**
 * The objection letter (异议书) a chat objection becomes: addressed to the provincial commission, with what the
 * document requires (annex 1 item 9, annex 2 item 7) — the real unit name, contact person, contact details and
 * evidence — pre-filled from the conversation, and room for the official seal. The user prints, seals and sends
 * it; the bot cannot file it. Built with the `docx` library (Office Open XML by hand would be hundreds of lines).
 */
export async function objectionLetter(submission: Submission, locale: Locale = submission.locale): Promise<Buffer> {
  // Loaded on the first letter, not at start: the library is large and most instances never write a letter.
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const t = translator(locale);
  const f = submission.fields;
  const evidence = [f.evidence, ...submission.evidence.map((e) => e.name)].filter(Boolean).join('；');
  const line = (text: string, options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
    new Paragraph({ alignment: options.align, spacing: { after: 200 }, children: [new TextRun({ text, bold: options.bold, size: 28 })] });
  const doc = new Document({
    creator: '资源池助手',
    title: t('letterTitle'),
    sections: [{
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: t('letterTitle'), bold: true, size: 40 })] }),
        line(t('letterTo'), { bold: true }),
        line(t('letterBody', { notice: f.noticeTitle ?? '', start: f.periodStart ?? '', end: f.deadline ?? '' })),
        line(t('letterTarget', { target: f.target ?? '' })),
        line(t('letterReason', { reason: f.reason ?? '' })),
        line(t('letterEvidence', { evidence })),
        line(t('letterUnit', { organisation: f.organisation ?? '' })),
        line(t('letterContact', { contact: f.contact ?? '' })),
        line(t('letterPhone', { phone: f.phone ?? '' })),
        line(t('letterSeal'), { align: AlignmentType.RIGHT }),
        line(t('letterDate'), { align: AlignmentType.RIGHT }),
        new Paragraph({ spacing: { before: 600 }, children: [new TextRun({ text: t('letterNote', { receiptNo: submission.receiptNo, deadline: f.deadline ?? '' }), size: 18, italics: true })] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
