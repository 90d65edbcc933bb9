/**
 * Removes what identifies a person or an enterprise from a message before it is kept for lexicon work:
 * credit codes (and near codes), phone numbers, e-mail addresses, and anything that looks like an access code.
 * Names are not reliably detectable in free Chinese text; the log is therefore also time-limited and opt-out.
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]')
    .replace(/[0-9A-Za-z]{15,20}/g, '[code]')
    .replace(/(\+?86[- ]?)?1[3-9]\d{9}/g, '[phone]')
    .replace(/0\d{2,3}[- ]?\d{7,8}/g, '[phone]')
    .replace(/\b[A-Z]{2}-\d{4}\b/g, '[access-code]')
    .replace(/\d{6,}/g, '[number]');
}
