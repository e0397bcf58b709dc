import type { FormDefinition } from '@platform/schema';
import { CRM_CHOICES } from '../crm-choices';
import { field } from '../field';
import { localized } from '../localized';

/** 产品: the price list quotes draw from. */
export function productForm(): FormDefinition {
  return {
    key: 'product',
    name: localized('产品', 'Products'),
    fields: [
      field.text('name', '产品名称', 'Product', { required: true, maxLength: 100 }),
      field.text('code', '产品编码', 'Code', { required: true, unique: true, maxLength: 50 }),
      field.select('category', '产品类别', 'Category', CRM_CHOICES.productCategory),
      field.text('unit', '单位', 'Unit', { maxLength: 20 }),
      field.money('list_price', '标准价格', 'List price'),
      field.switch('active', '在售', 'On sale', { default: true }),
      field.textarea('specification', '规格说明', 'Specification'),
    ],
    settings: { titleField: 'name', columns: 2 },
  };
}
