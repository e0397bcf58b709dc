import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { changeLocale } from '../i18n';
import type { RecordComment } from '../api/comment-endpoints';
import { RecordComments } from './record-comments';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const ANN = '0190a7a0-0000-7000-8000-00000000000a';
const BOB = '0190a7a0-0000-7000-8000-00000000000b';
const users = [
  { id: ANN, username: 'ann', name: '安娜', active: true },
  { id: BOB, username: 'bob', name: 'Bob Li', active: true },
];
const PATH = '/api/apps/crm/forms/customer/records/r1/comments';
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const comment = (id: string, authorId: string, body: string | null, extra: Partial<RecordComment> = {}): RecordComment => ({
  id, recordId: 'r1', authorId, body, mentions: [], createdAt: minutesAgo(5), editedAt: null, deletedAt: null, ...extra,
});

type Answer = (body: unknown) => Response;

/** A fake API: the signed-in user, the user list and a record's comments, with POST/PATCH/DELETE answered by `answers` or the store. */
function setup(me: { id: string; isAdmin?: boolean }, stored: RecordComment[], answers: { post?: Answer; patch?: Answer } = {}) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const comments = [...stored];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, body });
    if (url.startsWith('/api/auth/me')) return json({ ...me, username: 'me', name: 'me' });
    if (url.startsWith('/api/users')) return json({ items: users, nextCursor: null });
    if (url.startsWith(PATH)) {
      const id = url.slice(PATH.length + 1).split('?')[0];
      if (method === 'GET') return json({ items: comments, nextCursor: null });
      if (method === 'POST') {
        if (answers.post) return answers.post(body);
        const created = comment(`c${comments.length + 1}`, me.id, body.body, { mentions: body.mentions, createdAt: new Date().toISOString() });
        comments.push(created);
        return json(created, 201);
      }
      const index = comments.findIndex((c) => c.id === id);
      if (method === 'PATCH') {
        if (answers.patch) return answers.patch(body);
        comments[index] = { ...comments[index], body: body.body, mentions: body.mentions, editedAt: new Date().toISOString() };
        return json(comments[index]);
      }
      if (method === 'DELETE') {
        comments[index] = { ...comments[index], body: null, mentions: [], deletedAt: new Date().toISOString() };
        return new Response(null, { status: 204 });
      }
    }
    return json({ code: 'NOT_FOUND', message: 'no' }, 404);
  }));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <RecordComments appKey="crm" formKey="customer" recordId="r1" />
      </App>
    </QueryClientProvider>,
  );
  return { calls };
}

const textarea = (testId: string) => {
  const element = screen.getByTestId(testId);
  return (element.tagName === 'TEXTAREA' ? element : element.querySelector('textarea')) as HTMLTextAreaElement;
};
const type = (testId: string, value: string) => fireEvent.change(textarea(testId), { target: { value } });
const items = () => screen.getAllByTestId('record-comment');

afterEach(() => vi.unstubAllGlobals());

describe('RecordComments', () => {
  it('lists comments with author, relative time, mentions, edited and deleted markers; only the author may edit', async () => {
    await changeLocale('zh-CN');
    setup({ id: ANN }, [
      comment('c1', BOB, '@ann 帮忙看下报价', { mentions: [ANN], editedAt: minutesAgo(1) }),
      comment('c2', ANN, '好的 bob@example.com'),
      comment('c3', BOB, null, { deletedAt: minutesAgo(2) }),
    ]);
    await waitFor(() => expect(screen.getAllByTestId('comment-author').map((a) => a.textContent)).toEqual(['Bob Li', '安娜', 'Bob Li']));
    const [first, second, third] = items();
    expect(first.querySelector('.record-comment__mention')?.textContent).toBe('@安娜');
    expect(within(first).getByTestId('comment-body').textContent).toBe('@安娜 帮忙看下报价');
    expect(within(first).getByTestId('comment-edited').textContent).toBe('已编辑');
    expect(first.querySelector('time')?.textContent).toBe('5分钟前');
    // An email address is not a mention.
    expect(second.querySelector('.record-comment__mention')).toBeNull();
    expect(within(third).getByTestId('comment-deleted').textContent).toBe('该评论已删除');
    // ann edits and deletes her own comment only; nothing to do on a deleted one.
    expect(within(first).queryByTestId('comment-edit')).toBeNull();
    expect(within(first).queryByTestId('comment-delete')).toBeNull();
    expect(within(second).getByTestId('comment-edit')).toBeTruthy();
    expect(within(second).getByTestId('comment-delete')).toBeTruthy();
    expect(within(third).queryByTestId('comment-delete')).toBeNull();
  });

  it('lets an administrator delete others’ comments but not edit them', async () => {
    await changeLocale('zh-CN');
    const { calls } = setup({ id: 'admin', isAdmin: true }, [comment('c1', BOB, 'spam')]);
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(screen.queryByTestId('comment-edit')).toBeNull();
    fireEvent.click(screen.getByTestId('comment-delete'));
    fireEvent.click(await screen.findByTestId('comment-delete-confirm'));
    await waitFor(() => expect(screen.getByTestId('comment-deleted')).toBeTruthy());
    expect(calls.find((c) => c.method === 'DELETE')?.url).toBe(`${PATH}/c1`);
  });

  it('shows the empty state, sends with Ctrl+Enter with the @mentioned users, and shows the new comment', async () => {
    await changeLocale('en-US');
    const { calls } = setup({ id: ANN }, []);
    expect(await screen.findByText('No comments yet')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('comment-input-send')).toBeTruthy());
    expect((screen.getByTestId('comment-input-send') as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/users'))).toBe(true));
    type('comment-input', '  @bob please call them back, cc @nobody  ');
    fireEvent.keyDown(textarea('comment-input'), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', url: PATH, body: { body: '@bob please call them back, cc @nobody', mentions: [BOB] } });
    expect(items()[0].querySelector('.record-comment__mention')?.textContent).toBe('@Bob Li');
    expect(textarea('comment-input').value).toBe('');
    // Plain Enter is a new line, not a send.
    type('comment-input', 'second');
    fireEvent.keyDown(textarea('comment-input'), { key: 'Enter' });
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('shows the server’s refusal in the user’s language and keeps the text', async () => {
    await changeLocale('zh-CN');
    setup({ id: ANN }, [], {
      post: () => json({ code: 'VALIDATION_FAILED', message: 'Some values are not valid', details: { issues: [{ path: ['mentions'], code: 'invalid_value', message: 'No user has the id x' }] } }, 400),
    });
    await screen.findByTestId('comments-empty');
    type('comment-input', '@bob 看下');
    fireEvent.click(screen.getByTestId('comment-input-send'));
    expect((await screen.findByTestId('comment-error')).textContent).toBe('提及的用户不存在');
    expect(textarea('comment-input').value).toBe('@bob 看下');
  });

  it('counts characters near the limit and refuses to send a comment that is too long', async () => {
    await changeLocale('zh-CN');
    const { calls } = setup({ id: ANN }, []);
    await screen.findByTestId('comments-empty');
    type('comment-input', '字'.repeat(5001));
    expect(screen.getByText('5001 / 5000 字')).toBeTruthy();
    expect((screen.getByTestId('comment-input-send') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(textarea('comment-input'), { key: 'Enter', metaKey: true });
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('edits one’s own comment in place', async () => {
    await changeLocale('en-US');
    const { calls } = setup({ id: ANN }, [comment('c1', ANN, 'first draft')]);
    fireEvent.click(await screen.findByTestId('comment-edit'));
    expect(textarea('comment-edit-input').value).toBe('first draft');
    type('comment-edit-input', 'final text for @ann');
    fireEvent.click(screen.getByTestId('comment-edit-input-send'));
    await waitFor(() => expect(screen.getByTestId('comment-body').textContent).toBe('final text for @安娜'));
    expect(calls.find((c) => c.method === 'PATCH')).toEqual({ method: 'PATCH', url: `${PATH}/c1`, body: { body: 'final text for @ann', mentions: [ANN] } });
    expect(screen.getByTestId('comment-edited').textContent).toBe('edited');
  });
});
