/**
 * Writes data/lexicon/homophones.json: the 3 755 common characters (GB 2312 level 1) grouped by their toneless
 * pinyin, which the understanding uses to read a word typed with an input method's homophone (申报进肚 for
 * 申报进度, 公式名单 for 公示名单). Run once by hand; its output is committed, so nothing is needed at run time.
 *   npm install --no-save pinyin-pro@3 && node scripts/homophones.mjs
 */
import { writeFileSync } from 'node:fs';
import { URL } from 'node:url';
import { TextDecoder } from 'node:util';
import { pinyin } from 'pinyin-pro';

const decoder = new TextDecoder('gb2312');
const bySound = {};
for (let hi = 0xb0; hi <= 0xd7; hi++) {
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    if (hi === 0xd7 && lo > 0xf9) break;
    const ch = decoder.decode(new Uint8Array([hi, lo]));
    if (!/^\p{Script=Han}$/u.test(ch)) continue;
    const sound = pinyin(ch, { toneType: 'none', type: 'array' })[0];
    if (!sound || !/^[a-zü]+$/.test(sound)) continue;
    bySound[sound] = (bySound[sound] ?? '') + ch;
  }
}
const note = 'Common characters (GB 2312 level 1) by toneless pinyin, most common reading only; written by scripts/homophones.mjs.';
writeFileSync(new URL('../data/lexicon/homophones.json', import.meta.url), `${JSON.stringify({ note, sounds: bySound }, null, 1)}\n`);
