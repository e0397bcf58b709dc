import { createContext, useContext } from 'react';
import type { FieldType } from '@platform/schema';
import type { FormMeta } from '../../api/types';
import type { DesignerIssue, IssueTarget } from '../../lib/form-designer/validate';
import type { FieldTypeInfo, FormDraft, Placement } from '../../lib/form-designer/types';

/** What the palette, the canvas and the panels share: the draft, the selection and the edits. */
export type FormDesignerApi = {
  draft: FormDraft;
  /** The stored version's field keys: their keys are columns and cannot change. */
  savedKeys: ReadonlySet<string>;
  isNew: boolean;
  fieldTypes: readonly FieldTypeInfo[];
  typeInfo: (type: FieldType) => FieldTypeInfo | undefined;
  /** The app's other forms (relation targets, lookups). */
  otherForms: readonly FormMeta[];
  selected: string | null;
  select: (key: string | null) => void;
  /** Applies an edit; edits with the same `tag` in a row are one undo step. */
  change: (edit: (draft: FormDraft) => FormDraft, tag?: string) => void;
  /** Adds a field of a type (at a placement; by default after the selection) and selects it. */
  addField: (type: FieldType, placement?: Placement) => void;
  moveField: (key: string, placement: Placement) => void;
  removeField: (key: string) => void;
  duplicateField: (key: string) => void;
  /** The issues shown for a field, rule or form part (designer checks only after the first save attempt). */
  issuesOf: (target: IssueTarget) => DesignerIssue[];
  issueText: (issue: DesignerIssue) => string;
  /** Phone width: one column, as on a phone. */
  phone: boolean;
};

export const FormDesignerContext = createContext<FormDesignerApi | null>(null);

export function useFormDesigner(): FormDesignerApi {
  const api = useContext(FormDesignerContext);
  if (!api) throw new Error('useFormDesigner outside a form designer');
  return api;
}

/** react-dnd item types: a type dragged from the palette, a field dragged on the canvas. */
export const DND_PALETTE = 'form-designer/palette';
export const DND_FIELD = 'form-designer/field';
export type PaletteDragItem = { fieldType: FieldType };
export type FieldDragItem = { key: string };
