import { OrgSnapshot } from './org-snapshot';

const org = new OrgSnapshot(
  [
    { id: 'boss', managerId: null, departmentIds: ['hq'], roleIds: ['dir'], active: true, isAdmin: false },
    { id: 'mgr', managerId: 'boss', departmentIds: ['east'], roleIds: [], active: true, isAdmin: false },
    { id: 'rep', managerId: 'mgr', departmentIds: ['east'], roleIds: ['sales'], active: true, isAdmin: false },
    { id: 'orphan', managerId: null, departmentIds: ['east'], roleIds: ['sales'], active: true, isAdmin: false },
    { id: 'gone', managerId: null, departmentIds: ['east'], roleIds: ['dir'], active: false, isAdmin: false },
    { id: 'admin', managerId: null, departmentIds: [], roleIds: [], active: true, isAdmin: true },
  ],
  [
    { id: 'hq', parentId: null, headUserId: 'boss' },
    { id: 'east', parentId: 'hq', headUserId: 'mgr' },
  ],
);

describe('OrgSnapshot', () => {
  it.each([
    [{ source: 'manager' }, 'rep', ['mgr']],
    [{ source: 'manager', level: 2 }, 'rep', ['boss']],
    [{ source: 'manager' }, 'orphan', ['mgr']],
    [{ source: 'departmentHead' }, 'rep', ['mgr']],
    [{ source: 'departmentHead' }, 'mgr', ['boss']],
    [{ source: 'departmentHead', level: 2 }, 'rep', ['boss']],
    [{ source: 'roles', roleIds: ['dir'] }, 'rep', ['boss']],
    [{ source: 'users', userIds: ['gone', 'mgr'] }, 'rep', ['mgr']],
    [{ source: 'field', fieldKey: 'owner' }, 'rep', ['orphan']],
    [{ source: 'field', fieldKey: 'team' }, 'rep', ['mgr']],
    [{ source: 'initiator' }, 'rep', ['rep']],
  ] as const)('resolves %j for %s', (source, initiator, expected) => {
    expect(org.resolve(source as never, initiator, { owner: 'orphan', team: 'east' })).toEqual(expected);
  });

  it('finds an active administrator', () => expect(org.adminUserId).toBe('admin'));
});
