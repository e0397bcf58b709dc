import { describe, expect, it } from 'vitest';
import { act, render, waitFor } from '@testing-library/react';
import { Form } from 'antd';
import type { FormatContext } from '../lib/format-value';
import { recordToFormValues, type FormValues } from '../lib/form-values';
import { RecordForm } from './record-form';
import { sampleDepartments, sampleForm, sampleUsers } from '../test/sample-form';
import i18n, { changeLocale } from '../i18n';

const formatContext: FormatContext = { locale: 'zh-CN', yes: '是', no: '否' };

function Harness({ data, isMobile = false, onForm }: { data?: Record<string, unknown>; isMobile?: boolean; onForm?: (form: ReturnType<typeof Form.useForm<FormValues>>[0]) => void }) {
  const [form] = Form.useForm<FormValues>();
  onForm?.(form);
  return (
    <RecordForm
      form={sampleForm}
      formInstance={form}
      initialValues={data ? recordToFormValues(sampleForm.fields, data) : {}}
      recordData={data}
      users={sampleUsers}
      departments={sampleDepartments}
      formatContext={formatContext}
      isMobile={isMobile}
    />
  );
}

const wrapper = (container: HTMLElement, key: string) => {
  const element = container.querySelector(`[data-testid="field-${key}"]`);
  if (!element) throw new Error(`field-${key} not rendered`);
  return element as HTMLElement;
};

describe('RecordForm', () => {
  it('renders a wrapper with the right control for every field type', async () => {
    await changeLocale('zh-CN');
    const { container } = render(<Harness />);
    for (const field of sampleForm.fields) wrapper(container, field.key);

    expect(wrapper(container, 'name').querySelector('input')).not.toBeNull();
    expect(wrapper(container, 'notes').querySelector('textarea')).not.toBeNull();
    expect(wrapper(container, 'employees').querySelector('.ant-input-number')).not.toBeNull();
    expect(wrapper(container, 'amount').textContent).toContain('¥');
    expect(wrapper(container, 'probability').textContent).toContain('%');
    expect(wrapper(container, 'expected_close').querySelector('.ant-picker')).not.toBeNull();
    expect(wrapper(container, 'last_contact').querySelector('.ant-picker')).not.toBeNull();
    expect(wrapper(container, 'call_time').querySelector('.ant-picker')).not.toBeNull();
    expect(wrapper(container, 'stage').querySelector('.ant-select')).not.toBeNull();
    expect(wrapper(container, 'source').querySelectorAll('input[type="radio"]')).toHaveLength(2);
    expect(wrapper(container, 'tags').querySelector('.ant-select-multiple')).not.toBeNull();
    expect(wrapper(container, 'needs').querySelectorAll('input[type="checkbox"]')).toHaveLength(2);
    expect(wrapper(container, 'qualified').querySelector('[role="switch"]')).not.toBeNull();
    expect(wrapper(container, 'owner').querySelector('.ant-select')).not.toBeNull();
    expect(wrapper(container, 'team').querySelector('.ant-select-multiple')).not.toBeNull();
    expect(wrapper(container, 'dept').querySelector('.ant-select')).not.toBeNull();
    expect(wrapper(container, 'email').querySelector('input[type="email"]')).not.toBeNull();
    expect(wrapper(container, 'phone').querySelector('input[type="tel"]')).not.toBeNull();
    expect(wrapper(container, 'website').querySelector('input[type="url"]')).not.toBeNull();
    expect(wrapper(container, 'score').querySelectorAll('.ant-rate-star')).toHaveLength(5);
    expect(wrapper(container, 'basics').querySelector('.ant-divider')?.textContent).toBe('基本信息');
    expect(wrapper(container, 'intro').textContent).toBe('请完整填写线索信息');
    // Derived fields are read-only text, never inputs.
    expect(wrapper(container, 'amount_words').querySelector('input')).toBeNull();
    expect(wrapper(container, 'code').textContent).toContain(i18n.t('form.computedOnSave'));
  });

  it('marks required fields and uses the current language for labels', async () => {
    await changeLocale('en-US');
    const { container } = render(<Harness />);
    const name = wrapper(container, 'name');
    expect(name.querySelector('label')?.textContent).toBe('Name');
    expect(name.querySelector('.ant-form-item-required')).not.toBeNull();
    expect(wrapper(container, 'notes').querySelector('.ant-form-item-required')).toBeNull();
    expect(wrapper(container, 'basics').textContent).toBe('Basics');
    await changeLocale('zh-CN');
  });

  it('lays fields out in settings.columns on desktop and one column on phones', () => {
    const desktop = render(<Harness />);
    expect(wrapper(desktop.container, 'name').className).toContain('ant-col-12');
    expect(wrapper(desktop.container, 'basics').className).toContain('ant-col-24');
    desktop.unmount();
    const phone = render(<Harness isMobile />);
    expect(wrapper(phone.container, 'name').className).toContain('ant-col-24');
  });

  it('shows stored values and blocks saving without required fields', async () => {
    let formInstance: ReturnType<typeof Form.useForm<FormValues>>[0] | undefined;
    const { container } = render(
      <Harness data={{ name: '', stage: 'proposal', amount_words: '壹万元整', amount: 10000 }} onForm={(form) => (formInstance = form)} />,
    );
    expect(wrapper(container, 'amount_words').textContent).toContain('壹万元整');
    expect(wrapper(container, 'stage').textContent).toContain('方案报价');
    let failed = false;
    await act(async () => {
      await formInstance!.validateFields().catch(() => (failed = true));
    });
    expect(failed).toBe(true);
    await waitFor(() => expect(wrapper(container, 'name').textContent).toContain('请填写名称'));
  });
});
