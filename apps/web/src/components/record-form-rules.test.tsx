import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { Form } from 'antd';
import type { FormatContext } from '../lib/format-value';
import { recordToFormValues, type FormValues } from '../lib/form-values';
import { RecordForm } from './record-form';
import { sampleDepartments, sampleUsers } from '../test/sample-form';
import { rulesForm } from '../test/sample-rules-form';
import { changeLocale } from '../i18n';

const formatContext: FormatContext = { locale: 'zh-CN', yes: '是', no: '否' };
type Instance = ReturnType<typeof Form.useForm<FormValues>>[0];

function Harness({ data, onForm }: { data?: Record<string, unknown>; onForm?: (form: Instance) => void }) {
  const [form] = Form.useForm<FormValues>();
  onForm?.(form);
  return (
    <RecordForm
      form={rulesForm}
      formInstance={form}
      initialValues={recordToFormValues(rulesForm.fields, data ?? {})}
      recordData={data}
      users={sampleUsers}
      departments={sampleDepartments}
      formatContext={formatContext}
      isMobile={false}
    />
  );
}

const field = (container: HTMLElement, key: string) => container.querySelector<HTMLElement>(`[data-testid="field-${key}"]`);
const wrapper = (container: HTMLElement, key: string) => {
  const element = field(container, key);
  if (!element) throw new Error(`field-${key} not rendered`);
  return element;
};
const isRequired = (container: HTMLElement, key: string) => wrapper(container, key).querySelector('.ant-form-item-required') !== null;

describe('RecordForm with the richer types and rules', () => {
  it('renders a control for every new type, the tabs holding theirs', async () => {
    await changeLocale('zh-CN');
    const { container } = render(<Harness data={{ title: 'A', qty: 2, price: 10, total: 20, big: false }} />);
    // Formulas are read-only text, formatted per result type.
    expect(wrapper(container, 'total').querySelector('input')).toBeNull();
    expect(wrapper(container, 'total').textContent).toContain('20.00');
    expect(wrapper(container, 'big').textContent).toContain('否');
    // The tabs item groups its fields; fields outside any tab come before it.
    const tabs = wrapper(container, 'detail');
    expect(tabs.querySelector('.ant-tabs')).not.toBeNull();
    expect(tabs.textContent).toContain('内容');
    expect(tabs.textContent).toContain('地点');
    const order = [...container.querySelectorAll('[data-testid^="field-"]')].map((element) => element.getAttribute('data-testid'));
    expect(order.indexOf('field-region')).toBeLessThan(order.indexOf('field-detail'));
    expect(tabs.querySelector('[data-testid="field-notes"]')).not.toBeNull();
    // Every tab's fields are mounted (validated and saved with the rest), the hidden tab's too.
    expect(tabs.querySelector('[data-testid="field-site"]')).not.toBeNull();
    expect(wrapper(container, 'notes').querySelector('[data-testid="rich-text-editor"][contenteditable="true"]')).not.toBeNull();
    expect(wrapper(container, 'notes').querySelector('[data-testid="rich-text-bold"]')).not.toBeNull();
    expect(wrapper(container, 'period').querySelector('.ant-picker-range')).not.toBeNull();
    expect(wrapper(container, 'category').querySelector('.ant-cascader, .ant-select')).not.toBeNull();
    expect(wrapper(container, 'site').querySelector('[data-testid="location-lng"]')).not.toBeNull();
    expect(wrapper(container, 'site').querySelector('[data-testid="location-lat"]')).not.toBeNull();
    expect(wrapper(container, 'site').querySelector('[data-testid="location-address"]')).not.toBeNull();
    expect(wrapper(container, 'id_no').querySelector('input')).not.toBeNull();
  });

  it('hides a field while a switch is on, and requires another', async () => {
    const { container } = render(<Harness />);
    expect(field(container, 'notes')).not.toBeNull();
    expect(isRequired(container, 'deadline')).toBe(false);
    const urgent = wrapper(container, 'urgent').querySelector('[role="switch"]')!;
    await act(async () => {
      fireEvent.click(urgent);
    });
    await waitFor(() => expect(field(container, 'notes')).toBeNull());
    expect(isRequired(container, 'deadline')).toBe(true);
    await act(async () => {
      fireEvent.click(urgent);
    });
    await waitFor(() => expect(field(container, 'notes')).not.toBeNull());
    expect(isRequired(container, 'deadline')).toBe(false);
  });

  it('shows the loss reason for a lost stage, required; applies read-only and setValue rules', async () => {
    let instance: Instance | undefined;
    const { container } = render(<Harness onForm={(form) => (instance = form)} />);
    expect(field(container, 'reason')).toBeNull();
    await act(async () => {
      instance!.setFieldsValue({ stage: 'lost', locked: true, region: 'north' });
    });
    await waitFor(() => expect(field(container, 'reason')).not.toBeNull());
    expect(isRequired(container, 'reason')).toBe(true);
    await waitFor(() => expect(instance!.getFieldValue('region')).toBe('east'));
    expect(wrapper(container, 'owner_name').querySelector('input')?.disabled).toBe(true);
  });

  it('shows rule errors and warnings, and previews formulas live', async () => {
    let instance: Instance | undefined;
    const { container } = render(<Harness onForm={(form) => (instance = form)} />);
    await act(async () => {
      instance!.setFieldsValue({ qty: 150, price: 100, discount: 80 });
    });
    await waitFor(() => expect(container.querySelector('[data-testid="rule-errors"]')?.textContent).toContain('数量不能超过 100'));
    expect(container.querySelector('[data-testid="rule-warnings"]')?.textContent).toContain('折扣低于 90%');
    expect(wrapper(container, 'total').textContent).toContain('15,000.00');
    expect(wrapper(container, 'big').textContent).toContain('是');
    await act(async () => {
      instance!.setFieldsValue({ qty: 10, discount: 95 });
    });
    await waitFor(() => expect(container.querySelector('[data-testid="rule-errors"]')).toBeNull());
    expect(container.querySelector('[data-testid="rule-warnings"]')).toBeNull();
  });

  it('checks values with the field types: an ID number with a wrong check character, half a location', async () => {
    let instance: Instance | undefined;
    const { container } = render(<Harness onForm={(form) => (instance = form)} />);
    await act(async () => {
      instance!.setFieldsValue({ title: 'A', id_no: '110105194912310021', site: { lng: 121.5, lat: null, address: null } });
    });
    let failed = false;
    await act(async () => {
      await instance!.validateFields().catch(() => (failed = true));
    });
    expect(failed).toBe(true);
    await waitFor(() => expect(wrapper(container, 'id_no').textContent).toContain('请输入有效的 18 位身份证号'));
    expect(wrapper(container, 'site').textContent).toContain('请同时填写经度和纬度');
    await act(async () => {
      instance!.setFieldsValue({ id_no: '11010519491231002x', site: { lng: 121.5, lat: 31.2, address: null } });
    });
    await act(async () => {
      await instance!.validateFields();
    });
  });

  it('shows rich text made read-only by a rule through the sanitiser', async () => {
    const readonlyForm = {
      ...rulesForm,
      rules: [{ key: 'ro', when: { '==': [{ var: 'locked' }, true] }, then: [{ action: 'readonly' as const, fields: ['notes'] }] }],
    };
    function ReadOnlyHarness() {
      const [form] = Form.useForm<FormValues>();
      const data = { locked: true, notes: '<p><b>要点</b><img src="x" onerror="alert(1)"></p><script>alert(2)</script>' };
      return (
        <RecordForm form={readonlyForm} formInstance={form} initialValues={recordToFormValues(readonlyForm.fields, data)} recordData={data}
          users={sampleUsers} departments={sampleDepartments} formatContext={formatContext} isMobile={false} />
      );
    }
    const { container } = render(<ReadOnlyHarness />);
    const view = wrapper(container, 'notes').querySelector('[data-testid="rich-text-view"]');
    expect(view?.innerHTML).toContain('<b>要点</b>');
    expect(view?.innerHTML).not.toContain('onerror');
    expect(view?.innerHTML).not.toContain('script');
    expect(wrapper(container, 'notes').querySelector('[data-testid="rich-text-editor"]')).toBeNull();
  });
});

describe('RecordForm required checks by value kind', () => {
  const requiredForm = {
    ...rulesForm,
    rules: [],
    fields: rulesForm.fields.map((f) => (['price', 'deadline', 'category', 'period', 'site', 'title'].includes(f.key) ? { ...f, required: true } : f)),
  };
  function RequiredHarness({ onForm }: { onForm: (form: Instance) => void }) {
    const [form] = Form.useForm<FormValues>();
    onForm(form);
    return (
      <RecordForm form={requiredForm} formInstance={form} initialValues={recordToFormValues(requiredForm.fields, {})}
        users={sampleUsers} departments={sampleDepartments} formatContext={formatContext} isMobile={false} />
    );
  }

  it('counts a filled number, date, path, range or location as filled, and an empty path as empty', async () => {
    let instance: Instance | undefined;
    const { container } = render(<RequiredHarness onForm={(form) => (instance = form)} />);
    let failed: { errorFields: { name: (string | number)[] }[] } | undefined;
    await act(async () => {
      await instance!.validateFields().catch((error) => (failed = error));
    });
    expect(failed?.errorFields.map((f) => f.name[0]).sort()).toEqual(['category', 'deadline', 'period', 'price', 'site', 'title']);
    await waitFor(() => expect(wrapper(container, 'price').textContent).toContain('请填写单价'));

    const values = recordToFormValues(requiredForm.fields, {
      title: 'A', price: 12000, deadline: '2026-04-01', category: ['hw', 'server'],
      period: { start: '2026-04-01', end: '2026-04-30' }, site: { lng: 121.5, lat: 31.2, address: null },
    });
    await act(async () => {
      instance!.setFieldsValue(values);
    });
    await act(async () => {
      await instance!.validateFields();
    });
  });
});
