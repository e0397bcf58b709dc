import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Alert, App, Avatar, Button, Empty, Mentions, Popconfirm, Skeleton } from 'antd';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { commentsKey, createComment, deleteComment, fetchComments, updateComment, type CommentInput, type RecordComment } from '../api/comment-endpoints';
import type { UserSummary } from '../api/types';
import { useCurrentUser } from '../auth/use-current-user';
import { useLocale } from '../hooks/use-locale';
import { useUsers } from '../hooks/use-lookups';
import { COMMENT_MAX_LENGTH, commentErrorText, commentLength, commentSegments, mentionedUserIds, relativeTime, type Mentionable } from '../lib/comments';
import { errorMessage } from '../lib/api-errors';
import { formatDateTime } from '../lib/format-value';
import './record-comments.css';

const PAGE = 50;

type Props = { appKey: string; formKey: string; recordId: string };

/** The record page's comments: the discussion, oldest first, with @mentions; the author edits and deletes their own. */
export function RecordComments({ appKey, formKey, recordId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  const { users, userName } = useUsers();
  const translate = (key: string, fallback: string, values?: Record<string, string | number>) => t(key, { defaultValue: fallback, ...values });
  const key = commentsKey(appKey, formKey, recordId);
  const comments = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => fetchComments(appKey, formKey, recordId, pageParam, PAGE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
    staleTime: 0,
  });
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];
  const mentionable = useMemo<Mentionable[]>(() => users.filter((u) => u.active !== false).map((u) => ({ id: u.id, username: u.username })), [users]);
  const [editing, setEditing] = useState<string | null>(null);

  const refresh = async () => {
    void queryClient.invalidateQueries({ queryKey: ['audit', { appKey, formKey, recordId }] });
    await queryClient.invalidateQueries({ queryKey: key });
  };
  const fail = (failure: unknown) => {
    if (isApiError(failure)) message.error(commentErrorText(failure, translate));
  };
  const create = useMutation({ mutationFn: (input: CommentInput) => createComment(appKey, formKey, recordId, input), onSuccess: refresh });
  const update = useMutation({
    mutationFn: ({ id, input }: { id: string; input: CommentInput }) => updateComment(appKey, formKey, recordId, id, input),
    onSuccess: async () => {
      setEditing(null);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteComment(appKey, formKey, recordId, id),
    onSuccess: async () => {
      message.success(t('comments.deleted'));
      await refresh();
    },
    onError: fail,
  });

  let list;
  if (comments.isLoading) {
    list = (
      <div className="record-comments__loading" data-testid="comments-loading" role="status" aria-label={t('common.loading')}>
        {[0, 1, 2].map((i) => <Skeleton key={i} active avatar={{ size: 'small' }} title={false} paragraph={{ rows: 2 }} />)}
      </div>
    );
  } else if (comments.error && items.length === 0) {
    list = (
      <Alert
        type="error"
        showIcon
        data-testid="comments-error"
        title={isApiError(comments.error) ? errorMessage(comments.error, translate) : t('common.loadFailed')}
        action={<Button onClick={() => void comments.refetch()}>{t('common.retry')}</Button>}
      />
    );
  } else if (items.length === 0) {
    list = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('comments.empty')} data-testid="comments-empty" />;
  } else {
    list = (
      <ol className="record-comments__list" data-testid="comments-list">
        {items.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            authorName={userName(comment.authorId) ?? t('comments.unknownUser')}
            userName={userName}
            mentionable={mentionable}
            users={users}
            mine={!!user && comment.authorId === user.id}
            canDelete={!!user && (comment.authorId === user.id || !!user.isAdmin)}
            editing={editing === comment.id}
            onEdit={() => { update.reset(); setEditing(comment.id); }}
            onCancelEdit={() => setEditing(null)}
            onSave={(input) => update.mutate({ id: comment.id, input })}
            saving={update.isPending}
            saveError={update.error}
            onDelete={() => remove.mutate(comment.id)}
            deleting={remove.isPending && remove.variables === comment.id}
          />
        ))}
      </ol>
    );
  }

  return (
    <section className="record-comments" data-testid="record-comments">
      {list}
      {comments.hasNextPage && (
        <Button block className="record-comments__more" onClick={() => void comments.fetchNextPage()} loading={comments.isFetchingNextPage} data-testid="comments-more">
          {t('comments.loadMore')}
        </Button>
      )}
      <CommentEditor
        key="new"
        users={users}
        mentionable={mentionable}
        submitLabel={t('comments.send')}
        pending={create.isPending}
        error={create.error}
        onSubmit={(input, clear) => create.mutate(input, { onSuccess: clear })}
        testId="comment-input"
        autoFocus={false}
      />
    </section>
  );
}

type ItemProps = {
  comment: RecordComment;
  authorName: string;
  userName: (id: string) => string | undefined;
  mentionable: Mentionable[];
  users: UserSummary[];
  mine: boolean;
  canDelete: boolean;
  editing: boolean;
  onEdit: () => void;
  onCancelEdit: () => void;
  onSave: (input: CommentInput) => void;
  saving: boolean;
  saveError: unknown;
  onDelete: () => void;
  deleting: boolean;
};

function CommentItem(props: ItemProps) {
  const { comment, authorName, userName, mine, canDelete, editing } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow();
  const when = relativeTime(comment.createdAt, now, locale, t('comments.justNow')) ?? formatDateTime(comment.createdAt, locale);
  const deleted = comment.deletedAt !== null;
  // Only the users the comment really mentions are shown as mentions.
  const segments = useMemo(() => {
    const mentioned = new Set(comment.mentions);
    return commentSegments(comment.body ?? '', props.mentionable.filter((m) => mentioned.has(m.id)));
  }, [comment.body, comment.mentions, props.mentionable]);

  return (
    <li className="record-comment" data-testid="record-comment" data-comment-id={comment.id}>
      <Avatar size="small" className="record-comment__avatar" aria-hidden>{authorName.slice(0, 1).toUpperCase()}</Avatar>
      <div className="record-comment__main">
        <div className="record-comment__head">
          <span className="record-comment__author" data-testid="comment-author">{authorName}</span>
          <time className="record-comment__time" dateTime={comment.createdAt} title={formatDateTime(comment.createdAt, locale)}>{when}</time>
          {comment.editedAt && !deleted && (
            <span className="record-comment__edited" data-testid="comment-edited" title={formatDateTime(comment.editedAt, locale)}>{t('comments.edited')}</span>
          )}
        </div>
        {deleted ? (
          <div className="record-comment__deleted" data-testid="comment-deleted">{t('comments.deletedText')}</div>
        ) : editing ? (
          <CommentEditor
            users={props.users}
            mentionable={props.mentionable}
            initial={comment.body ?? ''}
            submitLabel={t('comments.save')}
            pending={props.saving}
            error={props.saveError}
            onSubmit={(input) => props.onSave(input)}
            onCancel={props.onCancelEdit}
            testId="comment-edit-input"
            autoFocus
          />
        ) : (
          <div className="record-comment__body" data-testid="comment-body">
            {segments.map((segment, index) =>
              'userId' in segment ? (
                <span key={index} className="record-comment__mention" title={segment.text}>@{userName(segment.userId) ?? segment.text.slice(1)}</span>
              ) : (
                <span key={index}>{segment.text}</span>
              ))}
          </div>
        )}
        {!deleted && !editing && (mine || canDelete) && (
          <div className="record-comment__actions">
            {mine && (
              <Button type="link" size="small" className="record-comment__action" onClick={props.onEdit} data-testid="comment-edit">
                {t('comments.edit')}
              </Button>
            )}
            {canDelete && (
              <Popconfirm title={t('comments.deleteConfirm')} okText={t('comments.delete')} cancelText={t('common.cancel')} onConfirm={props.onDelete} okButtonProps={{ danger: true, 'data-testid': 'comment-delete-confirm' }}>
                <Button type="link" size="small" danger className="record-comment__action" loading={props.deleting} data-testid="comment-delete">
                  {t('comments.delete')}
                </Button>
              </Popconfirm>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

type EditorProps = {
  users: UserSummary[];
  mentionable: Mentionable[];
  initial?: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** `clear` empties the editor (after a new comment was posted). */
  onSubmit: (input: CommentInput, clear: () => void) => void;
  onCancel?: () => void;
  testId: string;
  autoFocus: boolean;
};

/** A textarea with an @ user picker; Ctrl/Cmd+Enter sends. */
function CommentEditor({ users, mentionable, initial = '', submitLabel, pending, error, onSubmit, onCancel, testId, autoFocus }: EditorProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const translate = (key: string, fallback: string, values?: Record<string, string | number>) => t(key, { defaultValue: fallback, ...values });
  const length = commentLength(text.trim());
  const tooLong = length > COMMENT_MAX_LENGTH;
  const canSend = length > 0 && !tooLong && !pending;
  const options = useMemo(
    () => users.filter((u) => u.active !== false).map((u) => ({ key: u.id, value: u.username, label: u.name ? `${u.name} (${u.username})` : u.username })),
    [users],
  );
  // The picker finds a user by username or name.
  const searchText = useMemo(() => new Map(options.map((option) => [option.value, option.label.toLowerCase()])), [options]);
  const send = () => {
    if (!canSend) return;
    const body = text.trim();
    onSubmit({ body, mentions: mentionedUserIds(body, mentionable) }, () => setText(''));
  };
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && onCancel) {
      event.stopPropagation();
      onCancel();
    }
  };
  return (
    <div className="comment-editor">
      <Mentions
        value={text}
        onChange={setText}
        onKeyDown={keyDown}
        options={options}
        filterOption={(input, option) => (searchText.get(option.value ?? '') ?? '').includes(input.toLowerCase())}
        placement="top"
        autoSize={{ minRows: 2, maxRows: 8 }}
        placeholder={t('comments.placeholder')}
        status={tooLong ? 'error' : undefined}
        autoFocus={autoFocus}
        aria-label={t('comments.placeholder')}
        data-testid={testId}
      />
      {isApiError(error) && <Alert className="comment-editor__error" type="error" showIcon title={commentErrorText(error, translate)} data-testid="comment-error" />}
      <div className="comment-editor__footer">
        <span className={tooLong ? 'comment-editor__hint comment-editor__hint--error' : 'comment-editor__hint'}>
          {tooLong || length > COMMENT_MAX_LENGTH * 0.9 ? t('comments.length', { length, max: COMMENT_MAX_LENGTH }) : t('comments.hint')}
        </span>
        <span className="comment-editor__buttons">
          {onCancel && <Button onClick={onCancel} className="comment-editor__button">{t('common.cancel')}</Button>}
          <Button type="primary" onClick={send} disabled={!canSend} loading={pending} className="comment-editor__button" data-testid={`${testId}-send`}>
            {submitLabel}
          </Button>
        </span>
      </div>
    </div>
  );
}

/** The current time, moving on each minute (for "3 minutes ago"). */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
