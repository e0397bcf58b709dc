import { describe, expect, it } from 'vitest';
import { quoteDiscountFlow } from '../../test/sample-flow-design';
import { draftFromDefinition, newDraft, suggestFlowKey, toPayload } from './draft';
import { fromIsoDuration, isValidIsoDuration, toIsoDuration } from './durations';
import { permissionOf, setAllPermissions, setPermission } from './field-permissions';

describe('deadline and delay durations', () => {
  it('turn "N hours/days/minutes" into ISO 8601 and back', () => {
    expect(toIsoDuration({ amount: 24, unit: 'hours' })).toBe('PT24H');
    expect(toIsoDuration({ amount: 2, unit: 'days' })).toBe('P2D');
    expect(toIsoDuration({ amount: 30, unit: 'minutes' })).toBe('PT30M');
    expect(fromIsoDuration('PT24H')).toEqual({ amount: 24, unit: 'hours' });
    expect(fromIsoDuration('P2D')).toEqual({ amount: 2, unit: 'days' });
    expect(fromIsoDuration('P1W')).toEqual({ amount: 7, unit: 'days' });
    expect(fromIsoDuration('P1M2DT4H')).toBeNull();
    expect(fromIsoDuration(undefined)).toBeNull();
  });

  it('accept what the engine accepts', () => {
    for (const ok of ['PT24H', 'P3D', 'P1M2DT4H30M', 'PT1.5S']) expect(isValidIsoDuration(ok)).toBe(true);
    for (const bad of ['P', 'PT', '24h', '', 'P1H', 3]) expect(isValidIsoDuration(bad)).toBe(false);
  });
});

describe('field permissions', () => {
  const keys = ['title', 'discount', 'amount'];

  it('on a node keep only what differs from read-only', () => {
    expect(permissionOf(undefined, 'title', 'node')).toBe('readonly');
    let map = setPermission(undefined, keys, 'discount', 'editable', 'node');
    expect(map).toEqual({ discount: 'editable' });
    map = setPermission(map, keys, 'title', 'hidden', 'node');
    expect(permissionOf(map, 'title', 'node')).toBe('hidden');
    map = setPermission(map, keys, 'discount', 'readonly', 'node');
    map = setPermission(map, keys, 'title', 'readonly', 'node');
    expect(map).toBeUndefined();
    expect(setAllPermissions(keys, 'required', 'node')).toEqual({ title: 'required', discount: 'required', amount: 'required' });
    expect(setAllPermissions(keys, 'readonly', 'node')).toBeUndefined();
  });

  it('on the start step list every field once any is set (no map: all editable)', () => {
    expect(permissionOf(undefined, 'title', 'start')).toBe('editable');
    const map = setPermission(undefined, keys, 'amount', 'readonly', 'start');
    expect(map).toEqual({ title: 'editable', discount: 'editable', amount: 'readonly' });
    expect(permissionOf({ title: 'editable' }, 'amount', 'start')).toBe('readonly');
  });
});

describe('drafts', () => {
  it('drop the version, and send no empty optional parts', () => {
    const draft = draftFromDefinition(quoteDiscountFlow());
    expect('version' in draft).toBe(false);
    const payload = toPayload({
      ...newDraft('f', 'quote'),
      name: ' 报价 ',
      start: { initiators: [] },
      nodes: [{ key: 'a', type: 'approval', name: 'a', approvers: [{ source: 'initiator' }], reminders: [] }],
    });
    expect(payload).toEqual({ key: 'f', name: '报价', formKey: 'quote', nodes: [{ key: 'a', type: 'approval', name: 'a', approvers: [{ source: 'initiator' }] }] });
    // An explicit (even empty) start permission map means something and is kept.
    expect(toPayload({ ...newDraft('f', 'quote'), start: { fieldPermissions: {} } }).start).toEqual({ fieldPermissions: {} });
  });

  it('suggest a free key for a new flow', () => {
    expect(suggestFlowKey(['quote_discount'], 'quote')).toBe('quote_flow');
    expect(suggestFlowKey(['quote_flow'], 'quote')).toBe('quote_flow_2');
    expect(suggestFlowKey([], '')).toBe('flow');
  });
});

describe('localized names', () => {
  it('edit plain names as they are and per-locale names in the current locale', async () => {
    const { withLocaleText } = await import('./labels');
    expect(withLocaleText('审批', 'en-US', 'Approve')).toBe('Approve');
    expect(withLocaleText(undefined, 'zh-CN', '审批')).toBe('审批');
    expect(withLocaleText({ 'zh-CN': '审批', 'en-US': 'Approve' }, 'en-US', 'Review')).toEqual({ 'zh-CN': '审批', 'en-US': 'Review' });
  });
});
