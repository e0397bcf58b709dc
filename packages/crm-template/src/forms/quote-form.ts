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
      field.text('title', '报价单标题', 'Title', { required: true, maxLength: 200 }),
      // Names as text until relation fields ship; relations to `customer` and `opportunity` will replace them.
      field.text('customer_name', '客户名称', 'Customer', { required: true, maxLength: 200 }),
      field.text('opportunity_name', '关联商机', 'Opportunity', { maxLength: 200 }),
      field.date('quote_date', '报价日期', 'Quote date'),
      field.date('valid_until', '有效期至', 'Valid until'),
      field.select('status', '状态', 'Status', CRM_CHOICES.quoteStatus, { required: true, default: 'draft' }),
      field.divider('amount_section', '报价金额', 'Amounts'),
      // Product lines as text until sub-forms ship; a `lines` sub-form with a rollup will replace it.
      field.textarea('items_summary', '报价明细', 'Line items', { maxLength: 5000 }),
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
