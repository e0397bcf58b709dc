import { canEdit, canSee, maskValue, mergeGrants, notEditableHere } from './form-access';

const g = (over: Record<string, unknown>) => ({ appKey: 'crm', formKey: 'lead', actions: ['read'], scope: { type: 'own' }, ...over }) as any;

describe('mergeGrants', () => {
  it('unions actions and keeps scopes per action; an all-scope wins', () => {
    const a = mergeGrants([g({ actions: ['read', 'update'] }), g({ actions: ['read'], scope: { type: 'all' } })]);
    expect([...a.actions].sort()).toEqual(['read', 'update']);
    expect(a.scopes.get('read')).toBe('all');
    expect(a.scopes.get('update')).toEqual([{ type: 'own' }]);
  });

  it('shows the union of visible fields and masks only when every showing grant masks', () => {
    const a = mergeGrants([
      g({ fields: { visible: ['company', 'phone'], editable: [], masked: ['phone'] } }),
      g({ fields: { visible: ['phone', 'email'], editable: ['email'], masked: [] } }),
    ]);
    expect(canSee(a, 'company') && canSee(a, 'email') && canSee(a, 'phone')).toBe(true);
    expect(canSee(a, 'budget')).toBe(false);
    expect(a.masked.has('phone')).toBe(false);
    const b = mergeGrants([g({ fields: { visible: ['phone'], editable: [], masked: ['phone'] } })]);
    expect(b.masked.has('phone')).toBe(true);
  });

  it('gives editable fields only through create or update grants', () => {
    expect(canEdit(mergeGrants([g({ fields: { visible: '*', editable: '*' } })]), 'x')).toBe(false);
    expect(canEdit(mergeGrants([g({ actions: ['read', 'update'] })]), 'x')).toBe(true);
  });

  it('reads editable "*" as every field the same grant shows, never fields only another role shows', () => {
    const a = mergeGrants([
      g({ fields: { visible: ['title', 'secret'], editable: '*' } }),
      g({ actions: ['read', 'create'], fields: { visible: ['amount'], editable: '*' } }),
    ]);
    expect(['title', 'secret', 'amount'].map((k) => canEdit(a, k))).toEqual([false, false, true]);
    const b = mergeGrants([g({ actions: ['read', 'update'], fields: { visible: ['title'], editable: ['title', 'secret'] } })]);
    expect([canEdit(b, 'title'), canEdit(b, 'secret')]).toEqual([true, false]);
  });

  it('narrows to an API token scope', () => {
    const a = mergeGrants([g({ actions: ['read', 'update', 'delete'] })], [{ appKey: 'crm', actions: ['read'] }], 'crm');
    expect([...a.actions]).toEqual(['read']);
  });
});

describe('maskValue', () => {
  it.each([
    ['phone', '13812345678', '138****5678'],
    ['email', 'zhang@example.com', 'z***@example.com'],
    ['idNumber', '110101199003071234', '110101********1234'],
    ['text', '张三丰', '张***'],
  ])('masks %s', (type, value, masked) => expect(maskValue(type, value)).toBe(masked));
});

describe('notEditableHere', () => {
  it('takes only the update grants whose scope holds the record', () => {
    const a = mergeGrants([
      g({ actions: ['read', 'update'], scope: { type: 'own' }, fields: { visible: '*', editable: ['title', 'amount'] } }),
      g({ actions: ['read', 'update'], scope: { type: 'all' }, fields: { visible: '*', editable: ['title'] } }),
    ]);
    expect(a.uniformEditable).toBe(false);
    expect(notEditableHere(a, [true, true], ['title', 'amount'])).toEqual([]);
    expect(notEditableHere(a, [false, true], ['title', 'amount'])).toEqual(['amount']);
    expect(notEditableHere(a, [false, false], ['title'])).toEqual(['title']);
    const same = mergeGrants([g({ actions: ['read', 'update'], fields: { visible: '*', editable: ['title'] } })]);
    expect(same.uniformEditable).toBe(true);
    expect(notEditableHere(same, [], ['title', 'amount'])).toEqual(['amount']);
  });
});

