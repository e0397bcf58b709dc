import type { FieldType } from '@platform/schema';
import type { FieldTypeDefinition } from './field-type-definition';
import { withDefaultSources } from './options-schemas/option-schema-parts';
import { addressFieldType } from './field-types/address-field-type';
import { attachmentFieldType } from './field-types/attachment-field-type';
import { cascaderFieldType } from './field-types/cascader-field-type';
import { checkboxFieldType } from './field-types/checkbox-field-type';
import { dateFieldType } from './field-types/date-field-type';
import { dateRangeFieldType } from './field-types/date-range-field-type';
import { datetimeFieldType } from './field-types/datetime-field-type';
import { departmentFieldType } from './field-types/department-field-type';
import { departmentsFieldType } from './field-types/departments-field-type';
import { descriptionFieldType } from './field-types/description-field-type';
import { dividerFieldType } from './field-types/divider-field-type';
import { emailFieldType } from './field-types/email-field-type';
import { formulaFieldType } from './field-types/formula-field-type';
import { idNumberFieldType } from './field-types/id-number-field-type';
import { imageFieldType } from './field-types/image-field-type';
import { locationFieldType } from './field-types/location-field-type';
import { lookupFieldType } from './field-types/lookup-field-type';
import { memberFieldType } from './field-types/member-field-type';
import { membersFieldType } from './field-types/members-field-type';
import { moneyFieldType } from './field-types/money-field-type';
import { moneyInWordsFieldType } from './field-types/money-in-words-field-type';
import { multiSelectFieldType } from './field-types/multi-select-field-type';
import { numberFieldType } from './field-types/number-field-type';
import { percentFieldType } from './field-types/percent-field-type';
import { phoneFieldType } from './field-types/phone-field-type';
import { radioFieldType } from './field-types/radio-field-type';
import { ratingFieldType } from './field-types/rating-field-type';
import { relationFieldType } from './field-types/relation-field-type';
import { richTextFieldType } from './field-types/rich-text-field-type';
import { rollupFieldType } from './field-types/rollup-field-type';
import { selectFieldType } from './field-types/select-field-type';
import { serialNumberFieldType } from './field-types/serial-number-field-type';
import { signatureFieldType } from './field-types/signature-field-type';
import { subFormFieldType } from './field-types/sub-form-field-type';
import { switchFieldType } from './field-types/switch-field-type';
import { tabsFieldType } from './field-types/tabs-field-type';
import { textFieldType } from './field-types/text-field-type';
import { textareaFieldType } from './field-types/textarea-field-type';
import { timeFieldType } from './field-types/time-field-type';
import { urlFieldType } from './field-types/url-field-type';

/**
 * The field-type registry: the implemented types, keyed by type name, in catalog order.
 * A catalog type missing here is refused by validateFormDefinition ('unsupported_type').
 */
export const fieldTypes: ReadonlyMap<FieldType, FieldTypeDefinition> = new Map(
  [
    textFieldType, textareaFieldType, richTextFieldType, numberFieldType, moneyFieldType, moneyInWordsFieldType,
    percentFieldType, dateFieldType, datetimeFieldType, dateRangeFieldType, timeFieldType, radioFieldType,
    checkboxFieldType, selectFieldType, multiSelectFieldType, cascaderFieldType, switchFieldType, ratingFieldType,
    memberFieldType, membersFieldType, departmentFieldType, departmentsFieldType, addressFieldType, locationFieldType, imageFieldType,
    attachmentFieldType, signatureFieldType, phoneFieldType,
    emailFieldType, idNumberFieldType, urlFieldType, serialNumberFieldType, subFormFieldType, relationFieldType,
    lookupFieldType, rollupFieldType, formulaFieldType, dividerFieldType, descriptionFieldType,
    tabsFieldType,
  ]
    .map(withComputedDefaults)
    .map((definition) => [definition.type, definition]),
);

/** Input types (not derived, not layout) also take `defaultFormula` and `defaultFrom` (docs/defaults.md). */
function withComputedDefaults(definition: FieldTypeDefinition): FieldTypeDefinition {
  if (definition.derived || definition.layout) return definition;
  return { ...definition, optionsSchema: withDefaultSources(definition.optionsSchema) };
}
