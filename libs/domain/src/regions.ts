/**
 * Administrative divisions (GB/T 2260) offered when filing, for routing to an organisation
 * and later to the competent court (R30). A provincial deployment replaces this list with its
 * own; the codes are what the API stores.
 */
export interface Region {
  code: string;
  zh: string;
  en: string;
}

export const REGIONS: readonly Region[] = [
  { code: '330102', zh: '杭州市上城区', en: 'Shangcheng District, Hangzhou' },
  { code: '330105', zh: '杭州市拱墅区', en: 'Gongshu District, Hangzhou' },
  { code: '330106', zh: '杭州市西湖区', en: 'Xihu District, Hangzhou' },
  { code: '330108', zh: '杭州市滨江区', en: 'Binjiang District, Hangzhou' },
  { code: '330110', zh: '杭州市余杭区', en: 'Yuhang District, Hangzhou' },
  { code: '330200', zh: '宁波市', en: 'Ningbo' },
  { code: '330300', zh: '温州市', en: 'Wenzhou' },
  { code: '330400', zh: '嘉兴市', en: 'Jiaxing' },
  { code: '330500', zh: '湖州市', en: 'Huzhou' },
  { code: '330600', zh: '绍兴市', en: 'Shaoxing' },
  { code: '330700', zh: '金华市', en: 'Jinhua' },
  { code: '330800', zh: '衢州市', en: 'Quzhou' },
  { code: '330900', zh: '舟山市', en: 'Zhoushan' },
  { code: '331000', zh: '台州市', en: 'Taizhou' },
  { code: '331100', zh: '丽水市', en: 'Lishui' },
];

export function regionName(code: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const r = REGIONS.find((x) => x.code === code);
  return r ? (locale === 'en' ? r.en : r.zh) : code;
}
