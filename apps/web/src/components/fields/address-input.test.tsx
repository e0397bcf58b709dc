import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Form } from 'antd';
import type { FieldDefinition } from '@platform/schema';
import { changeLocale } from '../../i18n';
import { FieldInput, type FieldInputContext } from '../field-input';
import { AddressInput, regionOptions, type AddressValue } from './address-input';

const field = (options?: Record<string, unknown>): FieldDefinition => ({ key: 'home', type: 'address', label: '地址', options });
const address = (province: string | null, city: string | null = null, district: string | null = null, detail: string | null = null): AddressValue => ({ province, city, district, detail });
const context: FieldInputContext = { locale: 'zh-CN', users: [], departments: [], placeholders: { select: '请选择', input: '请输入', url: 'https://' } };

/** Opens the Cascader and clicks through the named regions, column by column. */
async function pick(container: HTMLElement, ...names: string[]) {
  fireEvent.mouseDown(container.querySelector('.ant-cascader')!);
  for (const name of names) {
    const item = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-cascader-menu-item')].find((element) => element.title === name);
      if (!found) throw new Error(`${name} is not offered`);
      return found;
    });
    act(() => fireEvent.click(item));
  }
}

describe('AddressInput', () => {
  it('shows the stored address: the region path and the street address', async () => {
    await changeLocale('zh-CN');
    const { container } = render(<AddressInput field={field()} value={address('广东省', '深圳市', '南山区', '科技园路1号')} />);
    expect(container.querySelector('.ant-cascader')?.textContent).toContain('广东省 / 深圳市 / 南山区');
    expect(screen.getByTestId('address-detail')).toHaveProperty('value', '科技园路1号');
    expect(screen.getByLabelText('详细地址（选填）')).toBeTruthy();
  });

  it('sends the picked path with the street address kept', async () => {
    const onChange = vi.fn();
    const { container } = render(<AddressInput field={field()} value={address(null, null, null, '科技园路1号')} onChange={onChange} />);
    await pick(container, '广东省', '深圳市', '南山区');
    expect(onChange).toHaveBeenLastCalledWith(address('广东省', '深圳市', '南山区', '科技园路1号'));
    // The popup carries the class the phone layout (address-input.css) narrows its columns by.
    expect(document.querySelector('.address-input__popup.ant-cascader-dropdown .ant-cascader-menus')).not.toBeNull();
  });

  it('offers a municipality with the city level of the region data', async () => {
    const onChange = vi.fn();
    const { container } = render(<AddressInput field={field()} onChange={onChange} />);
    await pick(container, '北京市', '市辖区', '东城区');
    expect(onChange).toHaveBeenLastCalledWith(address('北京市', '市辖区', '东城区'));
  });

  it('finds a district by part of its name', async () => {
    const onChange = vi.fn();
    const { container } = render(<AddressInput field={field()} onChange={onChange} />);
    fireEvent.mouseDown(container.querySelector('.ant-cascader')!);
    fireEvent.change(container.querySelector('.ant-cascader input')!, { target: { value: '南山' } });
    const match = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-cascader-menu-item')].find((item) => item.textContent?.includes('深圳市'));
      if (!found) throw new Error('no match offered');
      return found;
    });
    expect(match.textContent).toBe('广东省 / 深圳市 / 南山区');
    act(() => fireEvent.click(match));
    expect(onChange).toHaveBeenLastCalledWith(address('广东省', '深圳市', '南山区'));
  });

  it('sends the street address as typed, and null once every part is empty', () => {
    const onChange = vi.fn();
    const { rerender } = render(<AddressInput field={field()} value={address('广东省')} onChange={onChange} />);
    fireEvent.change(screen.getByTestId('address-detail'), { target: { value: '科技园路1号' } });
    expect(onChange).toHaveBeenLastCalledWith(address('广东省', null, null, '科技园路1号'));
    rerender(<AddressInput field={field()} value={address(null, null, null, '科技园路1号')} onChange={onChange} />);
    fireEvent.change(screen.getByTestId('address-detail'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it('goes only as far down as the level: no street address, a city-level picker', async () => {
    const onChange = vi.fn();
    const { container } = render(<AddressInput field={field({ level: 'city' })} value={address('广东省', '深圳市', '南山区', '旧地址')} onChange={onChange} />);
    expect(screen.queryByTestId('address-detail')).toBeNull();
    expect(container.querySelector('.ant-cascader')?.textContent).toContain('广东省 / 深圳市');
    expect(container.querySelector('.ant-cascader')?.textContent).not.toContain('南山区');
    await pick(container, '浙江省', '杭州市');
    // What the level does not ask for is not sent (the server would refuse it).
    expect(onChange).toHaveBeenLastCalledWith(address('浙江省', '杭州市'));
  });

  it('builds the region options to the depth asked for', () => {
    const [beijing] = regionOptions(3);
    expect(beijing).toMatchObject({ value: '北京市', label: '北京市' });
    expect(beijing.children?.[0].children?.[0]).toEqual({ value: '东城区', label: '东城区' });
    expect(regionOptions(1).every((option) => option.children === undefined)).toBe(true);
    expect(regionOptions(2).find((option) => option.value === '广东省')?.children?.find((city) => city.value === '深圳市')?.children).toBeUndefined();
    expect(regionOptions(1)).toHaveLength(31);
  });

  it('is disabled with the form', () => {
    const { container } = render(<AddressInput field={field()} value={address('广东省')} disabled />);
    expect(container.querySelector('.ant-cascader-disabled, .ant-select-disabled')).not.toBeNull();
    expect(screen.getByTestId('address-detail')).toHaveProperty('disabled', true);
  });

  it('speaks the user language', async () => {
    await changeLocale('en-US');
    render(<AddressInput field={field({ level: 'district' })} />);
    expect(screen.getByText('Choose a province / city / district')).toBeTruthy();
    expect(screen.queryByTestId('address-detail')).toBeNull();
    await changeLocale('zh-CN');
  });
});

describe('FieldInput for an address', () => {
  it('loads the address input on demand and binds it to the form item', async () => {
    await changeLocale('zh-CN');
    const onValuesChange = vi.fn();
    render(
      <Form initialValues={{ home: address('浙江省', '杭州市', '西湖区') }} onValuesChange={onValuesChange}>
        <Form.Item name="home">
          <FieldInput field={field()} context={context} />
        </Form.Item>
      </Form>,
    );
    const detail = await screen.findByTestId('address-detail');
    fireEvent.change(detail, { target: { value: '文三路1号' } });
    expect(onValuesChange).toHaveBeenLastCalledWith({ home: address('浙江省', '杭州市', '西湖区', '文三路1号') }, expect.anything());
  });
});
