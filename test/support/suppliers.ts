import type { Supplier } from '../../services/model/supplier';

let n = 0;

/** A valid supplier with a fresh code and name: one energy-management product, rated 合格 in 2025, unless overridden. */
export function testSupplier(overrides: Partial<Supplier>): Supplier {
  n++;
  return {
    creditCode: `TEST${String(n).padStart(14, '0')}`,
    name: `测试${n}号科技有限公司`,
    type: '服务商',
    city: '广州',
    poolSince: 2022,
    ratings: [{ year: 2025, rating: '合格' }],
    serviceCategories: ['能耗管理'],
    industries: [],
    description: '能耗管理服务',
    products: [{ name: `产品${n}`, description: '能耗监测', serviceCategories: ['能耗管理'], priceFrom: 5, deployDays: 30 }],
    cases: [],
    contact: { name: '联系人', phone: '020-00000000', email: 'a@example.com' },
    ...overrides,
  };
}
