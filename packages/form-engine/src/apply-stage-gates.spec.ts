import type { FormDefinition } from '@platform/schema';
import { applyStageGates } from './apply-stage-gates';
import { translateIssue } from './issue-messages';

const form: FormDefinition = {
  key: 'opportunity',
  name: '商机',
  fields: [
    { key: 'stage', type: 'select', label: '阶段', options: { options: [{ key: 'lead', label: '线索' }, { key: 'proposal', label: { 'zh-CN': '方案报价', 'en-US': 'Proposal' } }] } },
    { key: 'budget', type: 'money', label: '预算' },
    { key: 'decision_maker', type: 'text', label: '决策人' },
    { key: 'competitors', type: 'multiSelect', label: '竞争对手', options: { options: [{ key: 'x', label: 'X' }] } },
  ],
  settings: { stageGates: { field: 'stage', requirements: { proposal: ['budget', 'decision_maker', 'competitors'] } } },
};
const full = { budget: 1000, decision_maker: '王总', competitors: ['x'] };
const paths = (issues: ReturnType<typeof applyStageGates>) => issues.map((issue) => [issue.path, issue.code]);

describe('applyStageGates', () => {
  it.each<[string, Record<string, unknown> | null, Record<string, unknown>, (string | number)[][]]>([
    ['create in a gated stage with everything filled', null, { stage: 'proposal', ...full }, []],
    ['create in a gated stage with fields empty', null, { stage: 'proposal', budget: 0, decision_maker: '', competitors: [] }, [['decision_maker'], ['competitors']]],
    ['create in a gated stage with fields absent', null, { stage: 'proposal' }, [['budget'], ['decision_maker'], ['competitors']]],
    ['create in a stage without requirements', null, { stage: 'lead' }, []],
    ['create without a stage', null, { budget: 1 }, []],
    ['update entering the stage, fields filled before', { stage: 'lead', ...full }, { stage: 'proposal' }, []],
    ['update entering the stage, a field cleared in the same write', { stage: 'lead', ...full }, { stage: 'proposal', budget: null }, [['budget']]],
    ['update entering the stage with the record incomplete', { stage: 'lead', budget: 5 }, { stage: 'proposal' }, [['decision_maker'], ['competitors']]],
    ['update entering the stage while filling the fields', { stage: 'lead' }, { stage: 'proposal', ...full }, []],
    ['update staying in the stage is not entering it', { stage: 'proposal', ...full }, { budget: null }, []],
    ['update leaving the stage', { stage: 'proposal' }, { stage: 'lead' }, []],
  ])('%s', (_label, before, after, expected) => {
    expect(paths(applyStageGates(form, before, after))).toEqual(expected.map((path) => [path, 'stage_gate']));
  });

  it('does nothing for a form without stage gates', () => {
    expect(applyStageGates({ ...form, settings: {} }, null, { stage: 'proposal' })).toEqual([]);
  });

  it('ignores a stage value that is not a requirements key, including inherited names', () => {
    expect(applyStageGates(form, null, { stage: 'constructor' })).toEqual([]);
    expect(applyStageGates(form, null, { stage: ['proposal'] })).toEqual([]);
  });

  it('names the stage by its label in each language', () => {
    const [issue] = applyStageGates(form, null, { stage: 'proposal', ...full, budget: null });
    expect(issue.message).toBe('budget is required before entering stage "Proposal"');
    expect(translateIssue(issue, 'zh-CN')).toBe('进入阶段“方案报价”前必须填写');
    expect(translateIssue(issue, 'en-US')).toBe('Required before entering stage "Proposal"');
  });
});
