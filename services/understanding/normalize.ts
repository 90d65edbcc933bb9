/**
 * One form of a message for matching: half-width, lower case, simplified Chinese, Cantonese words mapped to
 * Mandarin. A small table rather than a conversion library: we only need the characters of our own lexicons
 * and of what people type to this bot, and a full OpenCC dictionary would add megabytes for no gain.
 */
/** Traditional → simplified, pairs of characters. */
const TRADITIONAL_PAIRS =
  '請请 評评 價价 報报 進进 認认 證证 異异 議议 迴回 變变 訂订 閱阅 動动 對对 務务 應应 綁绑 業业 聯联 繫系 幫帮 資资 結结 專专 電电 費费 關关 閉闭 沒没 發发 們们 麼么 麽么 樣样 時时 間间 個个 這这 說说 話话 單单 與与 會会 員员 東东 廣广 開开 場场 題题 試试 點点 補补 貼贴 優优 勵励 頭头 讓让 記记 錄录 號号 碼码 統统 質质 檢检 測测 設设 備备 維维 護护 產产 線线 數数 據据 雲云 臺台 網网 絡络 庫库 倉仓 儲储 節节 環环 視视 覺觉 紡纺 織织 裝装 飾饰 燈灯 鋰锂 醫医 藥药 膠胶 車车 製制 類类 區区 縣县 審审 級级 彙汇 總总 稱称 權权 轉转 換换 參参 辦办 難难 聽听 問问 經经 濟济 訊讯 術术 體体 鏈链 協协 範范 標标 準准 須须 蓋盖 舉举 訴诉 騙骗 實实 際际 處处 現现 嗎吗 幾几 邊边 著着 夠够 營营 銷销 圖图 戶户 賬账 買买 賣卖 錢钱 萬万 長长 門门 為为 從从 來来 當当 後后 歷历 屆届 導导 熱热 團团 隊队 創创 顧顾 過过 還还 規规 劃划 驗验 寫写 並并 佈布 盡尽 啟启 別别 態态 況况 於于 樂乐 帶带 確确 職职 額额 義义 讀读 課课 鍵键 擊击 憑凭 獎奖 紹绍 運运 書书 傳传 遞递 條条 簡简 細细 識识 擾扰 聲声 戲戏 嗰个 '+
  // The shop floor's words in traditional characters (Hong Kong and Cantonese writers use them).
  '機机 貨货 壞坏 廠厂 錯错 氣气 溫温 壓压 鍋锅 爐炉 窯窑 磚砖 鋼钢 鐵铁 鋁铝 銅铜 鑄铸 鍛锻 沖冲 衝冲 輛辆 輪轮 軸轴 齒齿 輸输 櫃柜 揀拣 購购 採采 調调 預预 養养 損损 舊旧 廢废 汙污 塵尘 險险 災灾 監监 頻频 遷迁 軟软 掃扫 籤签 傷伤 縫缝 帳账 財财 稅税 績绩 獲获 紙纸 計计 廳厅 顯显 螢萤 勢势 約约 減减 虧亏 賺赚 貴贵 達达 師师 領领 責责 負负 擔担 週周 歲岁 層层 樓楼 療疗 傢家 鎮镇 種种 給给 將将 內内 無无 麵面 雞鸡 魚鱼 飲饮 醬酱';

const CHAR_MAP = new Map<string, string>(TRADITIONAL_PAIRS.split(' ').map((pair) => [pair[0]!, pair[1]!]));

/** Cantonese written forms people use in Guangdong, longest first where they overlap. */
const CANTONESE: [string, string][] = [
  // Everyday Guangdong words for time, amount, place and work (multi-character first: they contain the single ones below).
  ['成日', '经常'], ['日日', '天天'], ['每日', '每天'], ['今日', '今天'], ['琴日', '昨天'], ['寻日', '昨天'], ['听日', '明天'], ['头先', '刚才'],
  ['几多', '多少'], ['成间', '整间'], ['成个', '整个'], ['一齐', '一起'], ['同埋', '和'], ['老细', '老板'], ['伙记', '员工'], ['师傅仔', '学徒'],
  ['货仓', '仓库'], ['落单', '下单'], ['埋数', '结账'], ['对数', '对账'], ['搞掂', '搞定'], ['得闲', '有空'], ['唔该', '请'], ['点解', '为什么'],
  ['好似', '好像'], ['边间', '哪家'], ['边部', '哪台'], ['边啲', '哪些'], ['边条', '哪条'], ['呢排', '最近'], ['呢啲', '这些'],
  ['呢个', '这个'], ['嗰啲', '那些'], ['唔识', '不会'], ['唔知', '不知道'], ['攞', '拿'], ['嘥', '浪费'], ['啱', '对'], ['揾', '找'],
  ['有冇', '有没有'], ['系唔系', '是不是'], ['系咪', '是不是'], ['你系', '你是'], ['我系', '我是'], ['佢系', '他是'], ['边个', '谁'], ['识做', '会做'], ['做乜', '做什么'], ['啲乜', '什么'], ['乜', '什么'], ['去到边', '到哪'], ['点样', '怎么'], ['點樣', '怎么'], ['乜嘢', '什么'], ['边度', '哪里'],
  ['几时', '什么时候'], ['而家', '现在'], ['搵', '找'], ['冇', '没'], ['唔', '不'], ['咩', '什么'], ['嘅', '的'], ['睇', '看'],
  ['係', '是'], ['喺', '在'], ['咗', '了'], ['啲', '些'], ['畀', '给'], ['俾', '给'], ['哋', '们'], ['佢', '他'], ['嚟', '来'], ['咁', '这么'],
];

/** One pass over the text instead of one per word (catalogs of 20 000 suppliers are normalized at index build). */
const CANTONESE_MAP = new Map(CANTONESE);
const CANTONESE_PATTERN = new RegExp([...CANTONESE_MAP.keys()].sort((a, b) => b.length - a.length).join('|'), 'g');

export function normalize(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) out += CHAR_MAP.get(ch) ?? ch;
  return out
    .replace(CANTONESE_PATTERN, (word) => CANTONESE_MAP.get(word)!)
    .toLowerCase()
    .replace(/[a-z']+/g, stem)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A light English stemmer, applied to messages and lexicon alike, so one cue covers "notify/notified",
 * "break/breaks/breaking", "rating/ratings". Deliberately crude (no Porter tables): both sides get the same
 * treatment, which is all matching needs.
 */
export function stem(word: string): string {
  let w = word.replace(/'s$|'/g, '');
  if (w.length <= 3) return w;
  // British spellings fold into American ones (digitalisation, optimise, organised), and a noun of doing into its
  // verb (assessment → assess, digitalization → digitalize), so the lexicon's word covers how the user put it.
  w = w.replace(/(al|im|an|gn|or)is(e|ed|es|ing|ation|ations)$/, '$1iz$2');
  if (/izations?$/.test(w)) return w.replace(/izations?$/, 'ize');
  if (w.length > 7 && /ments?$/.test(w)) return w.replace(/ments?$/, '');
  if (w.endsWith('ies') || w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('iz') && word.length > w.length) w = `${w}e`;
  else if (/(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  return w;
}
