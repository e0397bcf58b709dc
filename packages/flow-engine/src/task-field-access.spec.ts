import { editableFieldsOf, taskFieldAccess } from './task-field-access';
import { approval, flow } from './flow.fixture';

describe('taskFieldAccess', () => {
  const definition = flow(
    [
      approval('review', ['a'], { fieldPermissions: { note: 'editable', amount: 'required', secret: 'hidden', title: 'readonly' } }),
      approval('plain', ['b']),
      { key: 'inform', name: 'cc', type: 'cc', recipients: [{ source: 'initiator' }] },
    ],
    { start: { fieldPermissions: { title: 'editable' } } },
  );
  const fields = ['title', 'amount', 'note', 'secret', 'other'];

  it.each<[string, string[]]>([
    ['review', ['amount', 'note']],
    ['plain', []],
    ['inform', []],
    ['start', ['title']],
    ['ghost', []],
  ])('the assignee of a task on %s may change %j', (nodeKey, editable) => {
    expect(editableFieldsOf(taskFieldAccess(definition, nodeKey), fields)).toEqual(editable);
  });

  it('the start step without permissions may change every field', () => {
    const open = flow([approval('review', ['a'])]);
    expect(taskFieldAccess(open, 'start')).toEqual({ permissions: undefined, unlisted: 'editable' });
    expect(editableFieldsOf(taskFieldAccess(open, 'start'), fields)).toEqual(fields);
  });
});
