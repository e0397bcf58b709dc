import type { AppDefinition, Condition, FieldDefinition, FormDefinition, LocalizedText, SortSpec } from '@platform/schema';

export type { AppDefinition, Condition, FieldDefinition, FormDefinition, LocalizedText, SortSpec };

export type SessionUser = { id: string; username: string; name: string };

export type CurrentUser = SessionUser & {
  roles?: unknown[];
  departments?: unknown[];
  isAdmin?: boolean;
};

export type LoginResponse = { token: string; user: SessionUser };

/** `published` false: a draft app, which only administrators see until it is published. */
export type AppSummary = { key: string; name: LocalizedText; description?: LocalizedText | null; icon?: string | null; published?: boolean };

export type AppDetail = AppSummary & Pick<AppDefinition, 'navigation'>;

/** A form as GET /api/apps/{appKey}/forms answers it: the definition plus its version. */
/** What the current user may do with a form (sent by the API with each form). */
export type FormAccess = { actions: string[]; editable: string[] | '*'; unfilterable: string[] };
export type FormMeta = FormDefinition & { version: number; access?: FormAccess };

export type RecordData = Record<string, unknown>;

/** A stored file as image, attachment and signature values hold it (VALUES.md). */
export type FileRef = { id: string; name: string; size: number; mime: string };

/** POST /api/files answers the ref plus where to download it. */
export type UploadedFile = FileRef & { url: string };

export type RecordItem = {
  id: string;
  data: RecordData;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  ownerId: string | null;
  /** Set once the record went through an approval flow: running, approved, rejected, withdrawn, returned. */
  flowStatus?: string | null;
};

export type RecordQuery = {
  filter?: Condition;
  sort?: SortSpec[];
  limit?: number;
  after?: string | null;
  fields?: string[];
};

export type RecordPage = {
  items: RecordItem[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
};

export type ListResponse<T> = { items: T[]; nextCursor?: string | null };

export type UserSummary = { id: string; username: string; name: string; active?: boolean };

export type Department = { id: string; name: string; parentId: string | null };
