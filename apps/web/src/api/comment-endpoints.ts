import { api } from './client';

/** A comment on a record (API: /api/apps/{app}/forms/{form}/records/{id}/comments); a deleted one has `body: null` and `deletedAt`. */
export type RecordComment = {
  id: string;
  recordId: string;
  authorId: string;
  body: string | null;
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
};

export type CommentPage = { items: RecordComment[]; nextCursor: string | null };
export type CommentInput = { body: string; mentions: string[] };

const seg = encodeURIComponent;
const commentsPath = (appKey: string, formKey: string, recordId: string) =>
  `/api/apps/${seg(appKey)}/forms/${seg(formKey)}/records/${seg(recordId)}/comments`;

/** The query key of a record's comments (live events invalidate it with the record's). */
export const commentsKey = (appKey: string, formKey: string, recordId: string) => ['record-comments', appKey, formKey, recordId] as const;

export const fetchComments = (appKey: string, formKey: string, recordId: string, after: string | null, limit: number, signal?: AbortSignal) =>
  api.get<CommentPage>(commentsPath(appKey, formKey, recordId), { query: { after, limit }, signal });

export const createComment = (appKey: string, formKey: string, recordId: string, input: CommentInput) =>
  api.post<RecordComment>(commentsPath(appKey, formKey, recordId), input);

export const updateComment = (appKey: string, formKey: string, recordId: string, commentId: string, input: CommentInput) =>
  api.patch<RecordComment>(`${commentsPath(appKey, formKey, recordId)}/${seg(commentId)}`, input);

export const deleteComment = (appKey: string, formKey: string, recordId: string, commentId: string) =>
  api.delete(`${commentsPath(appKey, formKey, recordId)}/${seg(commentId)}`);
