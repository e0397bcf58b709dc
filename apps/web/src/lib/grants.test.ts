import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '../api/admin-types';
import {
  buildGrants, defaultFieldRules, grantToState, hasGrantFor, isFieldEditable, isFieldMasked, isFieldVisible, issuesByGrant,
  newGrantState, parseCondition, setAllFields, setColumn, setFieldFlag, stateToGrant, type FieldRulesState,
} from './grants';

const KEYS = ['name', 'phone', 'amount', 'stage'];

const rules = (patch: Partial<FieldRulesState>): FieldRulesState => ({ ...defaultFieldRules(), ...patch });

describe('grant state <-> grant', () => {
  it('reads "*" as the all switches and lists as lists', () => {
    const state = grantToState(
      { appKey: 'crm', formKey: 'lead', actions: ['update', 'read'], scope: { type: 'own' }, fields: { visible: '*', editable: ['name'], masked: ['phone'] } },
      'g0',
    );
    expect(state.actions).toEqual(['read', 'update']);
    expect(state.scopeType).toBe('own');
    expect(state.fields).toEqual({ allVisible: true, allEditable: false, visible: [], editable: ['name'], masked: ['phone'] });
  });

  it('reads a grant without fields as every field visible and editable', () => {
    const state = grantToState({ appKey: 'crm', formKey: 'lead', actions: ['read'], scope: { type: 'all' } }, 'g0');
    expect(state.fields.allVisible).toBe(true);
    expect(state.fields.allEditable).toBe(true);
    expect(stateToGrant(state, KEYS).grant?.fields).toEqual({ visible: '*', editable: '*', masked: [] });
  });

  it('round-trips grants, with lists in the form field order', () => {
    const grants: RoleGrant[] = [
      { appKey: 'crm', formKey: 'lead', actions: ['read', 'export'], scope: { type: 'departmentTree' }, fields: { visible: ['name', 'amount', 'phone'], editable: ['amount'], masked: ['phone'] } },
      { appKey: 'crm', formKey: 'deal', actions: ['read', 'create', 'update'], scope: { type: 'custom', condition: { '>': [{ var: 'amount' }, 100] } }, fields: { visible: '*', editable: '*', masked: [] } },
    ];
    const states = grants.map((grant, index) => grantToState(grant, `g${index}`));
    const { grants: built, invalid } = buildGrants(states, (_app, form) => (form === 'lead' ? KEYS : undefined));
    expect(invalid).toEqual([]);
    expect(built[0]).toEqual({ ...grants[0], fields: { visible: ['name', 'phone', 'amount'], editable: ['amount'], masked: ['phone'] } });
    expect(built[1]).toEqual(grants[1]);
  });

  it('keeps editable and masked inside visible and drops fields the form no longer has', () => {
    const state = {
      ...newGrantState('crm', 'lead', 'n0'),
      fields: rules({ allVisible: false, allEditable: false, visible: ['name', 'gone'], editable: ['name', 'amount'], masked: ['phone', 'gone'] }),
    };
    expect(stateToGrant(state, KEYS).grant?.fields).toEqual({ visible: ['name'], editable: ['name'], masked: [] });
    // editable "*" with a visible list is allowed: it means every visible field.
    const allEditable = { ...state, fields: { ...state.fields, allEditable: true } };
    expect(stateToGrant(allEditable, KEYS).grant?.fields?.editable).toBe('*');
  });

  it('refuses a custom scope whose condition is not a JSON object', () => {
    const state = { ...newGrantState('crm', 'lead', 'n0'), scopeType: 'custom' as const, conditionText: '{"==": [' };
    expect(stateToGrant(state).error).toBe('conditionInvalid');
    expect(parseCondition('[1]')).toBeNull();
    expect(parseCondition('null')).toBeNull();
    expect(buildGrants([state], () => undefined).invalid).toEqual(['n0']);
    const valid = { ...state, conditionText: '{"==":[{"var":"ownerId"},{"var":"$user.id"}]}' };
    expect(stateToGrant(valid).grant?.scope).toEqual({ type: 'custom', condition: { '==': [{ var: 'ownerId' }, { var: '$user.id' }] } });
  });

  it('starts a new grant with read on all records and every field', () => {
    const grant = stateToGrant(newGrantState('crm', 'lead', 'n0'), KEYS).grant;
    expect(grant).toEqual({ appKey: 'crm', formKey: 'lead', actions: ['read'], scope: { type: 'all' }, fields: { visible: '*', editable: '*', masked: [] } });
  });
});

describe('field boxes', () => {
  it('hiding a field clears its editable and masked boxes; "*" becomes the list without it', () => {
    const start = rules({ allVisible: true, allEditable: false, editable: ['phone', 'name'], masked: ['phone'] });
    const next = setFieldFlag(start, 'phone', 'visible', false, KEYS);
    expect(next.allVisible).toBe(false);
    expect(next.visible).toEqual(['name', 'amount', 'stage']);
    expect(next.editable).toEqual(['name']);
    expect(next.masked).toEqual([]);
    expect(isFieldVisible(next, 'phone')).toBe(false);
  });

  it('making a field editable or masked makes it visible', () => {
    const hidden = rules({ allVisible: false, allEditable: false, visible: ['name'] });
    const editable = setFieldFlag(hidden, 'amount', 'editable', true, KEYS);
    expect(editable.visible).toEqual(['name', 'amount']);
    expect(isFieldEditable(editable, 'amount')).toBe(true);
    const masked = setFieldFlag(hidden, 'phone', 'masked', true, KEYS);
    expect(masked.visible).toEqual(['name', 'phone']);
    expect(isFieldMasked(masked, 'phone')).toBe(true);
  });

  it('unticking editable under "all visible fields" lists the other visible fields', () => {
    const start = rules({ allVisible: false, allEditable: true, visible: ['name', 'amount'] });
    expect(isFieldEditable(start, 'phone')).toBe(false);
    const next = setFieldFlag(start, 'name', 'editable', false, KEYS);
    expect(next).toMatchObject({ allEditable: false, editable: ['amount'] });
  });

  it('switching "all fields" off keeps every current field ticked', () => {
    const off = setAllFields(rules({}), 'visible', false, KEYS);
    expect(off.allVisible).toBe(false);
    expect(KEYS.every((key) => isFieldVisible(off, key))).toBe(true);
    const editableOff = setAllFields(rules({ allVisible: false, visible: ['name'] }), 'editable', false, KEYS);
    expect(editableOff.editable).toEqual(['name']);
    expect(setAllFields(off, 'visible', true, KEYS).allVisible).toBe(true);
  });

  it('ticks and clears a whole column', () => {
    const masked = setColumn(rules({ allVisible: false, visible: ['name'] }), 'masked', true, KEYS);
    expect(masked.masked).toEqual(KEYS);
    expect(masked.visible).toEqual(['name', 'phone', 'amount', 'stage']);
    expect(setColumn(masked, 'masked', false, KEYS).masked).toEqual([]);
    const hidden = setColumn(rules({}), 'visible', false, KEYS);
    expect(hidden.visible).toEqual([]);
    expect(stateToGrant({ ...newGrantState('a', 'b', 'x'), fields: hidden }, KEYS).grant?.fields).toEqual({ visible: [], editable: '*', masked: [] });
  });
});

describe('grant issues', () => {
  it('maps VALIDATION_FAILED issues to grants by their index', () => {
    const states = [newGrantState('crm', 'lead', 'a'), newGrantState('crm', 'deal', 'b')];
    const { byId, general } = issuesByGrant(
      [
        { path: [1, 'fields'], code: 'not_subset', message: 'editable and masked must be visible' },
        { path: [], code: 'invalid_type', message: 'array' },
        { path: [7], code: 'required', message: 'out of range' },
      ],
      states,
    );
    expect(byId.get('b')?.map((issue) => issue.code)).toEqual(['not_subset']);
    expect(byId.has('a')).toBe(false);
    expect(general.map((issue) => issue.code)).toEqual(['invalid_type', 'required']);
    expect(hasGrantFor(states, 'crm', 'deal')).toBe(true);
    expect(hasGrantFor(states, 'crm', 'account')).toBe(false);
  });
});
