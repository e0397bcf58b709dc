import type { Condition } from '@platform/schema';
import type { FlowNode } from './flow-definition';
import { FlowDriver, approval, branch, flow, makeContext } from './flow.fixture';

const amountOver = (value: number): Condition => ({ '>': [{ var: 'amount' }, value] });

describe('condition branches', () => {
  const byAmount = flow([
    {
      key: 'route',
      name: 'route',
      type: 'condition',
      branches: [
        branch('huge', [approval('ceo', ['ceo'])], amountOver(100000)),
        branch('big', [approval('cfo', ['cfo'])], amountOver(10000)),
        branch('other', [approval('lead', ['lead'])]),
      ],
    },
    approval('finance', ['fin']),
  ]);

  it.each<[string, Record<string, unknown>, string, string]>([
    ['the first matching branch wins over later matches', { amount: 500000 }, 'huge', 'ceo'],
    ['a later branch when the first does not hold', { amount: 20000 }, 'big', 'cfo'],
    ['the default when nothing holds', { amount: 5 }, 'other', 'lead'],
    ['the default when the field is empty', {}, 'other', 'lead'],
    ['numeric strings as the database returns them', { amount: '20000.00' }, 'big', 'cfo'],
  ])('%s', (_label, record, branchKey, assignee) => {
    const driver = new FlowDriver(byAmount, makeContext({ record })).start();
    expect(driver.current.history.find((entry) => entry.event === 'branchChosen')).toMatchObject({ nodeKey: 'route', branchKey });
    expect(driver.todo()).toEqual([assignee]);
    driver.approve(assignee);
    expect(driver.events('nodeCompleted')).toEqual([`nodeCompleted:${assignee}`, 'nodeCompleted:route']);
    expect(driver.todo()).toEqual(['fin']);
  });

  it('uses the caller field resolver when given', () => {
    const context = { ...makeContext({ record: { amount: '20000' } }), resolveField: () => ({ kind: 'number' as const, sql: '' }) };
    const driver = new FlowDriver(byAmount, context).start();
    expect(driver.todo()).toEqual(['cfo']);
  });

  it('a default branch placed first still comes last', () => {
    const definition = flow([
      { key: 'route', name: 'route', type: 'condition', branches: [branch('other', [approval('lead', ['lead'])]), branch('big', [approval('cfo', ['cfo'])], amountOver(10))] },
    ]);
    expect(new FlowDriver(definition, makeContext({ record: { amount: 11 } })).start().todo()).toEqual(['cfo']);
  });

  it('without a default and no match the condition node is passed through', () => {
    const definition = flow([{ key: 'route', name: 'route', type: 'condition', branches: [branch('big', [approval('cfo', ['cfo'])], amountOver(10))] }, approval('fin', ['fin'])]);
    expect(new FlowDriver(definition, makeContext({ record: { amount: 1 } })).start().todo()).toEqual(['fin']);
  });

  it('sees fields set earlier in the flow', () => {
    const definition = flow([
      approval('sales', ['s'], { fieldPermissions: { amount: 'editable' } }),
      { key: 'route', name: 'route', type: 'condition', branches: [branch('big', [approval('cfo', ['cfo'])], amountOver(10)), branch('other', [])] },
    ]);
    const driver = new FlowDriver(definition, makeContext({ record: { amount: 1 } })).start().approve('s', { data: { amount: 50 } });
    expect(driver.todo()).toEqual(['cfo']);
  });
});

describe('parallel branches', () => {
  const nested: FlowNode[] = [
    {
      key: 'outer',
      name: 'outer',
      type: 'parallel',
      branches: [
        branch('legal', [approval('legal', ['legal'])]),
        branch('ops', [
          {
            key: 'inner',
            name: 'inner',
            type: 'parallel',
            branches: [branch('it', [approval('it', ['it'])]), branch('hr', [approval('hr', ['hr']), approval('hr_head', ['hrh'])])],
          },
          approval('ops_head', ['ops']),
        ]),
        branch('empty', []),
      ],
    },
    approval('ceo', ['ceo']),
  ];

  it('all branches run and the node completes when all complete, nested too', () => {
    const driver = new FlowDriver(flow(nested)).start();
    expect(driver.todo()).toEqual(['legal', 'it', 'hr']);
    driver.approve('it').approve('hr');
    expect(driver.todo()).toEqual(['legal', 'hrh']);
    driver.approve('hrh');
    expect(driver.todo()).toEqual(['legal', 'ops']);
    expect(driver.events('nodeCompleted').slice(-1)).toEqual(['nodeCompleted:inner']);
    driver.approve('ops').approve('legal');
    expect(driver.todo()).toEqual(['ceo']);
    expect(driver.events('nodeCompleted').filter((entry) => entry === 'nodeCompleted:outer')).toHaveLength(1);
    expect(driver.current.tokens).toHaveLength(1);
    driver.approve('ceo');
    expect(driver.status).toBe('approved');
  });

  it('a rejection in one nested path rejects the instance and cancels the other paths', () => {
    const driver = new FlowDriver(flow(nested)).start().approve('it');
    driver.reject('hr', 'no headcount');
    expect(driver.status).toBe('rejected');
    expect(driver.todo()).toEqual([]);
    expect(driver.current.tokens).toEqual([]);
    expect(driver.effectsOf('cancelTask').map((effect) => effect.taskId)).toEqual(
      driver.current.tasks.filter((task) => task.assigneeId === 'legal').map((task) => task.id),
    );
    expect(driver.events().slice(-2)).toEqual(['rejected:hr:hr', 'completed:-']);
  });

  it('a path that finishes at once (empty or passing) does not complete the join early', () => {
    const definition = flow([
      { key: 'split', name: 'split', type: 'parallel', branches: [branch('none', [approval('nobody', [])]), branch('real', [approval('x', ['x'])]), branch('empty', [])] },
      approval('after', ['z']),
    ]);
    const driver = new FlowDriver(definition).start();
    expect(driver.todo()).toEqual(['x']);
    driver.approve('x');
    expect(driver.todo()).toEqual(['z']);
    expect(driver.events('nodeCompleted')).toEqual(['nodeCompleted:nobody', 'nodeCompleted:x', 'nodeCompleted:split']);
  });

  it('a parallel node whose paths all finish at once completes once', () => {
    const definition = flow([{ key: 'split', name: 'split', type: 'parallel', branches: [branch('a', []), branch('b', [approval('nobody', [])])] }]);
    const driver = new FlowDriver(definition).start();
    expect(driver.status).toBe('approved');
    expect(driver.events('nodeCompleted', 'completed')).toEqual(['nodeCompleted:nobody', 'nodeCompleted:split', 'completed:-']);
  });

  it('a condition inside a parallel branch joins correctly', () => {
    const definition = flow([
      {
        key: 'split',
        name: 'split',
        type: 'parallel',
        branches: [
          branch('c', [{ key: 'route', name: 'route', type: 'condition', branches: [branch('big', [approval('cfo', ['cfo'])], amountOver(10)), branch('small', [])] }]),
          branch('d', [approval('d', ['d'])]),
        ],
      },
      approval('after', ['z']),
    ]);
    const driver = new FlowDriver(definition, makeContext({ record: { amount: 50 } })).start();
    expect(driver.todo()).toEqual(['cfo', 'd']);
    driver.approve('d').approve('cfo');
    expect(driver.todo()).toEqual(['z']);
  });
});
