import type { FormDefinition } from '@platform/schema';
import { CRM_CHOICES } from '../crm-choices';
import { field } from '../field';
import { localized } from '../localized';

/** A discount (quote total as a percentage of list total) below this goes to the sales director. */
export const DIRECTOR_APPROVAL_DISCOUNT = 90;

/** 报价单: what we offer a customer for an opportunity. */
export function quoteForm(): FormDefinition {
  return {
    key: 'quote',
    name: localized('报价单', 'Quotes'),
    fields: [
      {
        key: 'quote_no',
        type: 'serialNumber',
        label: localized('报价单号', 'Quote no.'),
        options: { segments: [{ type: 'text', value: 'QT-' }, { type: 'date', format: 'YYYYMMDD' }, { type: 'text', value: '-' }, { type: 'counter', digits: 4, reset: 'daily' }] },
      },
      field.text('title', '报价单标题', 'Title', { required: true, maxLength: 200 }),
      // The names stay as text beside the relations: flows, views and imports written before relations use them.
      field.text('customer_name', '客户名称', 'Customer', { required: true, maxLength: 200 }),
      field.text('opportunity_name', '关联商机', 'Opportunity', { maxLength: 200 }),
      { key: 'customer', type: 'relation', label: localized('关联客户', 'Customer record'), options: { targetForm: 'customer', displayFields: ['name'], onDelete: 'block' } },
      { key: 'opportunity', type: 'relation', label: localized('关联商机记录', 'Opportunity record'), options: { targetForm: 'opportunity', displayFields: ['name', 'stage'], onDelete: 'clear' } },
      field.date('quote_date', '报价日期', 'Quote date'),
      field.date('valid_until', '有效期至', 'Valid until'),
      field.select('status', '状态', 'Status', CRM_CHOICES.quoteStatus, { required: true, default: 'draft' }),
      field.divider('amount_section', '报价金额', 'Amounts'),
      {
        key: 'lines',
        type: 'subForm',
        label: localized('产品明细', 'Product lines'),
        options: {
          maxRows: 100,
          fields: [
            { key: 'product', type: 'text', label: localized('产品', 'Product'), required: true, options: { maxLength: 200 } },
            { key: 'qty', type: 'number', label: localized('数量', 'Qty'), options: { decimals: 0, min: 0 } },
            { key: 'unit_price', type: 'money', label: localized('单价', 'Unit price'), options: { decimals: 2 } },
            { key: 'subtotal', type: 'formula', label: localized('小计', 'Subtotal'), options: { expression: 'qty * unit_price', decimals: 2 } },
          ],
        },
      },
      { key: 'lines_total', type: 'rollup', label: localized('明细合计', 'Lines total'), options: { subFormField: 'lines', targetField: 'subtotal', aggregate: 'sum', decimals: 2 } },
      field.textarea('items_summary', '报价明细（文本）', 'Line items (text)', { maxLength: 5000 }),
      field.money('list_total', '标准总价', 'List total'),
      field.money('quote_total', '报价总额', 'Quote total', { required: true }),
      field.percent('discount', '折扣率', 'Discount', { decimals: 1 }),
      field.moneyInWords('amount_in_words', '大写金额', 'Amount in words', 'quote_total'),
      field.description(
        'discount_note',
        '折扣说明',
        'Discount note',
        `折扣率 = 报价总额 / 标准总价；低于 ${DIRECTOR_APPROVAL_DISCOUNT}% 需销售总监审批。`,
        `Discount = quote total / list total; below ${DIRECTOR_APPROVAL_DISCOUNT}% the sales director approves.`,
      ),
      field.textarea('special_terms', '特殊条款', 'Special terms'),
    ],
    rules: [
      {
        key: 'deep_discount_warning',
        when: { '<': [{ var: 'discount' }, DIRECTOR_APPROVAL_DISCOUNT] },
        then: [
          {
            action: 'warn',
            fields: ['discount'],
            message: localized(
              `折扣低于 ${DIRECTOR_APPROVAL_DISCOUNT}%，需销售总监审批`,
              `A discount below ${DIRECTOR_APPROVAL_DISCOUNT}% needs the sales director's approval`,
            ),
          },
        ],
      },
    ],
    settings: { titleField: 'title', columns: 2 },
  };
}
