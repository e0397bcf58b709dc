import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fireEvent, render } from '@testing-library/react';
import { GrantFormEditor } from './grant-form-editor';
import { grantToState, stateToGrant, type GrantState } from '../../lib/grants';
import { valueFields } from '../../lib/field-kinds';
import { sampleForm } from '../../test/sample-form';
import i18n, { changeLocale } from '../../i18n';

const FIELD_KEYS = valueFields(sampleForm.fields).map((field) => field.key);

function Harness({ initial, onState }: { initial: GrantState; onState: (state: GrantState) => void }) {
  const [state, setState] = useState(initial);
  return (
    <GrantFormEditor
      state={state}
      form={sampleForm}
      appName="CRM"
      onChange={(next) => {
        onState(next);
        setState(next);
      }}
      onRemove={() => undefined}
    />
  );
}

const box = (container: HTMLElement, testId: string) => {
  const element = container.querySelector(`[data-testid="${testId}"]`);
  const input = element?.matches('input') ? element : element?.querySelector('input');
  if (!input) throw new Error(`${testId} not rendered`);
  return input as HTMLInputElement;
};

describe('GrantFormEditor', () => {
  it('shows one row per value field and turns box clicks into a grant with masked and editable inside visible', async () => {
    await changeLocale('zh-CN');
    let latest = grantToState({ appKey: 'crm', formKey: 'lead', actions: ['read'], scope: { type: 'all' } }, 'g0');
    const { container, getByText } = render(<Harness initial={latest} onState={(state) => (latest = state)} />);

    expect(getByText('CRM / 线索')).toBeTruthy();
    // Layout items (divider, description) hold no value and get no row.
    for (const key of FIELD_KEYS) expect(box(container, `grant-field-${key}-visible`).checked).toBe(true);
    expect(container.querySelector('[data-testid="grant-field-basics-visible"]')).toBeNull();
    expect(box(container, 'grant-field-phone-visible').disabled).toBe(true);
    expect(box(container, 'grant-all-visible').checked).toBe(true);

    // "All fields" off: today's fields stay ticked, as an explicit list.
    fireEvent.click(box(container, 'grant-all-visible'));
    expect(latest.fields.allVisible).toBe(false);
    expect(latest.fields.visible).toEqual(FIELD_KEYS);

    // Hiding phone, then masking it, shows it again; the saved grant keeps masked inside visible.
    fireEvent.click(box(container, 'grant-field-phone-visible'));
    expect(box(container, 'grant-field-phone-visible').checked).toBe(false);
    expect(box(container, 'grant-field-phone-editable').checked).toBe(false);
    fireEvent.click(box(container, 'grant-field-email-visible'));
    fireEvent.click(box(container, 'grant-field-phone-masked'));
    expect(box(container, 'grant-field-phone-visible').checked).toBe(true);

    // Only the amount editable.
    fireEvent.click(box(container, 'grant-all-editable'));
    for (const key of FIELD_KEYS.filter((candidate) => candidate !== 'amount')) {
      const editable = box(container, `grant-field-${key}-editable`);
      if (editable.checked) fireEvent.click(editable);
    }

    fireEvent.click(getByText(i18n.t('admin.grants.action.export')));
    const grant = stateToGrant(latest, FIELD_KEYS).grant;
    expect(grant?.actions).toEqual(['read', 'export']);
    expect(grant?.fields?.visible).toEqual(FIELD_KEYS.filter((key) => key !== 'email'));
    expect(grant?.fields?.editable).toEqual(['amount']);
    expect(grant?.fields?.masked).toEqual(['phone']);
  });

  it('flags a custom condition that is not a JSON object', async () => {
    await changeLocale('en-US');
    const state: GrantState = { ...grantToState({ appKey: 'crm', formKey: 'lead', actions: ['read'], scope: { type: 'own' } }, 'g0'), scopeType: 'custom', conditionText: '{ nope' };
    const { container, getByText } = render(<Harness initial={state} onState={() => undefined} />);
    expect(getByText('The condition is not a valid JSON object')).toBeTruthy();
    const textarea = container.querySelector('[data-testid="grant-condition"]') as HTMLTextAreaElement;
    fireEvent.change(textarea, { target: { value: '{"==":[{"var":"ownerId"},{"var":"$user.id"}]}' } });
    expect(getByText(/\$user\.id, \$user\.departmentIds/)).toBeTruthy();
    await changeLocale('zh-CN');
  });
});
