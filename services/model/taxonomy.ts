/** The 21 prefecture-level cities of Guangdong (DOMAIN.md). */
export const CITIES = [
  '广州', '深圳', '珠海', '汕头', '佛山', '韶关', '河源', '梅州', '惠州', '汕尾', '东莞',
  '中山', '江门', '阳江', '湛江', '茂名', '肇庆', '清远', '潮州', '揭阳', '云浮',
] as const;
export type City = (typeof CITIES)[number];

/** Cities without a county level: applicants submit directly to the city department. */
export const CITIES_WITHOUT_COUNTIES: readonly City[] = ['东莞', '中山'];

export const RATINGS = ['优秀', '合格', '不合格'] as const;
export type Rating = (typeof RATINGS)[number];

export const SUPPLIER_TYPES = ['平台商', '服务商'] as const;
