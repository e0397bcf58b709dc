import { createContext, useContext } from 'react';
import type { FieldDefinition } from '@platform/schema';
import type { FormMeta } from '../../api/types';
import type { DesignerIssue, IssueTarget } from '../../lib/flow-designer/checks';
import type { AddableNodeType, ChainRef, DesignerSelection, FlowDraft } from '../../lib/flow-designer/types';
import type { useSummaries } from './use-summaries';

/** What the canvas and the side panel share: the draft, the form's fields, the selection and the edits. */
export type DesignerApi = {
  /** The app the flow belongs to (sub-flow nodes choose among its flows). */
  appKey: string;
  /** The app's forms (a sub-flow bound through a relation runs on its target form). */
  forms: readonly FormMeta[];
  draft: FlowDraft;
  /** The fields of the flow's form (empty until a form is chosen). */
  fields: FieldDefinition[];
  selection: DesignerSelection | null;
  select: (selection: DesignerSelection | null) => void;
  /** Applies an edit; edits with the same `tag` in a row are one undo step. */
  change: (edit: (draft: FlowDraft) => FlowDraft, tag?: string) => void;
  addNode: (chain: ChainRef, index: number, type: AddableNodeType) => void;
  removeNode: (nodeKey: string) => void;
  addBranch: (nodeKey: string) => void;
  removeBranch: (nodeKey: string, branchKey: string) => void;
  moveBranch: (nodeKey: string, branchKey: string, delta: -1 | 1) => void;
  /** The issues shown on a node, branch or the start card (empty until the first publish attempt). */
  issuesOf: (target: IssueTarget) => DesignerIssue[];
  issueText: (issue: DesignerIssue) => string;
  /** Card texts (who approves, what a branch tests), computed once for the whole canvas. */
  summaries: ReturnType<typeof useSummaries>;
};

export const DesignerContext = createContext<DesignerApi | null>(null);

export function useDesigner(): DesignerApi {
  const api = useContext(DesignerContext);
  if (!api) throw new Error('useDesigner outside a flow designer');
  return api;
}
