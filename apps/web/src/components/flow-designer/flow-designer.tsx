import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Input, Select, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { createFlowDefinition, flowDefinitionKey, publishFlowDefinition } from '../../api/flow-design-endpoints';
import type { FormMeta } from '../../api/types';
import { flowsQueryOptions } from '../../hooks/use-flows';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { useLeaveGuard } from '../../hooks/use-leave-guard';
import { useLocale } from '../../hooks/use-locale';
import { errorMessage } from '../../lib/api-errors';
import { checkDraft, sameTarget, type DesignerIssue, type IssueTarget } from '../../lib/flow-designer/checks';
import { suggestFlowKey, toPayload } from '../../lib/flow-designer/draft';
import { canRedo, canUndo, createHistory, pushHistory, redo, undo, type History } from '../../lib/flow-designer/history';
import { mapServerIssues, targetUnchanged, type ServerIssue } from '../../lib/flow-designer/issue-paths';
import { withLocaleText } from '../../lib/flow-designer/labels';
import {
  addBranch, canRemoveBranch, createNode, findNode, insertNode, moveBranch, nodeKeys, removeBranch, removeNode, type NewNodeNames,
} from '../../lib/flow-designer/tree';
import type { AddableNodeType, ChainRef, DesignerSelection, FlowDefinition, FlowDraft, WithdrawPolicy } from '../../lib/flow-designer/types';
import { labelText } from '../../lib/label-text';
import { DesignerContext, type DesignerApi } from './designer-context';
import { FlowCanvas } from './flow-canvas';
import { NodePanel } from './node-panel';
import { useSummaries } from './use-summaries';
import './flow-designer.css';

export type FlowDesignerProps = {
  appKey: string;
  /** The draft to start from: a published definition (without version) or a new, empty flow. */
  initial: FlowDraft;
  /** The published version being edited; null for a new flow. */
  version: number | null;
  forms: readonly FormMeta[];
  /** For a new flow: the keys the app's other flows use. */
  takenFlowKeys?: readonly string[];
  /** Where the back link goes. */
  backTo: string;
  onPublished?: (definition: FlowDefinition) => void;
};

const WITHDRAW: WithdrawPolicy[] = ['beforeFirstDecision', 'whileRunning', 'never'];
/** Server codes whose own message says more than the code's general text. */
const GENERIC_CODES = new Set(['INVALID_VALUE', 'INVALID_DEFINITION', 'INVALID_CONDITION', 'UNKNOWN_FIELD']);

/** Keys pressed on these are the control's own (text undo, Backspace, a switch), not the designer's. */
function isControlTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return !!target.closest('input, textarea, select, button, a[href], .ant-select, .ant-picker, .ant-input-number, [role="combobox"], [role="listbox"], [role="menu"]');
}

/** The DingTalk-style flow designer: a vertical chain from 发起人 to 结束, a side panel, checks, undo, publish. */
export function FlowDesigner({ appKey, initial, version, forms, takenFlowKeys = [], backTo, onPublished }: FlowDesignerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isNew = version === null;

  const [history, setHistory] = useState<History<FlowDraft>>(() => createHistory(initial));
  const draft = history.present;
  const [saved, setSaved] = useState<FlowDraft>(initial);
  const [selection, setSelection] = useState<DesignerSelection | null>(null);
  const [showIssues, setShowIssues] = useState(false);
  const [server, setServer] = useState<{ sent: FlowDraft; issues: DesignerIssue[] } | null>(null);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const keyTouched = useRef(!isNew);
  const dirty = draft !== saved;

  const form = forms.find((candidate) => candidate.key === draft.formKey);
  const fields = useMemo(() => form?.fields ?? [], [form]);
  const summaries = useSummaries(fields);

  const change = useCallback((edit: (current: FlowDraft) => FlowDraft, tag?: string) => {
    setHistory((current) => pushHistory(current, edit(current.present), tag ?? null));
  }, []);

  const names = useMemo<NewNodeNames>(() => ({
    node: (type) => t(`flowDesigner.type.${type}`),
    branch: (type, n) => (type === 'condition' ? t('flowDesigner.branchName', { n }) : t('flowDesigner.parallelBranchName', { n })),
    defaultBranch: t('flowDesigner.defaultBranchName'),
  }), [t]);

  // ---- checks ----
  const clientIssues = useMemo(() => checkDraft(draft, { takenFlowKeys: isNew ? takenFlowKeys : [] }), [draft, isNew, takenFlowKeys]);
  const visibleIssues = useMemo(() => [
    ...(showIssues ? clientIssues : []),
    ...(server ? server.issues.filter((issue) => targetUnchanged(server.sent, draft, issue.target)) : []),
  ], [clientIssues, draft, server, showIssues]);
  const issuesOf = useCallback((target: IssueTarget) => visibleIssues.filter((issue) => sameTarget(issue.target, target)), [visibleIssues]);
  const issueText = useCallback((issue: DesignerIssue) => {
    if (issue.source === 'client') return t(`flowDesigner.check.${issue.code}`);
    const text = t(`flowDesigner.serverIssue.${issue.code}`, { defaultValue: issue.message ?? issue.code });
    return GENERIC_CODES.has(issue.code) && issue.message ? `${text}: ${issue.message}` : text;
  }, [t]);

  // ---- edits ----
  const api = useMemo<DesignerApi>(() => ({
    appKey,
    forms,
    draft,
    fields,
    selection,
    select: setSelection,
    change,
    addNode: (chain: ChainRef, index: number, type: AddableNodeType) => {
      const node = createNode(type, nodeKeys(draft.nodes), names);
      change((current) => insertNode(current, chain, index, node));
      setSelection({ kind: 'node', nodeKey: node.key });
    },
    removeNode: (nodeKey: string) => {
      change((current) => removeNode(current, nodeKey));
      setSelection((current) => (current && current.kind !== 'start' && current.nodeKey === nodeKey ? null : current));
    },
    addBranch: (nodeKey: string) => {
      const result = addBranch(draft, nodeKey, names);
      change(() => result.draft);
      if (result.branchKey) setSelection({ kind: 'branch', nodeKey, branchKey: result.branchKey });
    },
    removeBranch: (nodeKey: string, branchKey: string) => {
      change((current) => removeBranch(current, nodeKey, branchKey));
      setSelection((current) => (current?.kind === 'branch' && current.nodeKey === nodeKey && current.branchKey === branchKey ? null : current));
    },
    moveBranch: (nodeKey: string, branchKey: string, delta: -1 | 1) => change((current) => moveBranch(current, nodeKey, branchKey, delta)),
    issuesOf,
    issueText,
    summaries,
  }), [appKey, change, draft, fields, forms, issueText, issuesOf, names, selection, summaries]);

  const doUndo = useCallback(() => setHistory(undo), []);
  const doRedo = useCallback(() => setHistory(redo), []);

  // Keyboard: Delete removes the selected node (or branch); Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isControlTarget(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        if (event.shiftKey) doRedo();
        else doUndo();
      } else if (mod && event.key.toLowerCase() === 'y') {
        event.preventDefault();
        doRedo();
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && selection) {
        if (selection.kind === 'node' && findNode(draft, selection.nodeKey)) {
          event.preventDefault();
          api.removeNode(selection.nodeKey);
        } else if (selection.kind === 'branch') {
          const node = findNode(draft, selection.nodeKey);
          if (node && canRemoveBranch(node, selection.branchKey)) {
            event.preventDefault();
            api.removeBranch(selection.nodeKey, selection.branchKey);
          }
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [api, doRedo, doUndo, draft, selection]);

  // Unpublished edits: leaving the designer asks first (in the app, and when the tab closes).
  const guardRef = useLeaveGuard(dirty, { title: t('flowDesigner.leaveTitle'), content: t('flowDesigner.leaveText'), leave: t('flowDesigner.leave') });

  // ---- publish ----
  const sentRef = useRef<FlowDraft>(draft);
  const publish = useMutation({
    mutationFn: (payload: FlowDraft) => (isNew ? createFlowDefinition(appKey, payload) : publishFlowDefinition(appKey, payload.key, payload)),
    onSuccess: (definition) => {
      // Published: moving on (a new flow goes to its own address) needs no confirmation.
      guardRef.current = sentRef.current !== history.present;
      setSaved(sentRef.current);
      setServer(null);
      setGeneralError(null);
      setShowIssues(false);
      message.success(t('flowDesigner.published', { version: definition.version }));
      queryClient.setQueryData(flowDefinitionKey(appKey, definition.key), definition);
      void queryClient.invalidateQueries({ queryKey: flowsQueryOptions(appKey).queryKey });
      onPublished?.(definition);
    },
    onError: (error) => {
      const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
      const issues = isApiError(error) && error.code === 'VALIDATION_FAILED' && Array.isArray(error.details?.issues) ? (error.details.issues as ServerIssue[]) : [];
      if (issues.length > 0) {
        setServer({ sent: sentRef.current, issues: mapServerIssues(sentRef.current, issues) });
        setGeneralError(null);
        message.error(t('flowDesigner.publishRefused', { count: issues.length }));
      } else {
        const text = isApiError(error) ? errorMessage(error, translate) : String(error);
        setGeneralError(text);
        message.error(text);
      }
    },
  });

  const onPublish = () => {
    setShowIssues(true);
    if (clientIssues.length > 0) {
      message.error(t('flowDesigner.fixFirst', { count: clientIssues.length }));
      return;
    }
    sentRef.current = draft;
    publish.mutate(toPayload(draft));
  };

  // ---- flow settings ----
  const flowIssue = (field: string) => issuesOf({ kind: 'flow', field });
  const status = (field: string) => (flowIssue(field).length > 0 ? 'error' as const : undefined);
  const setFormKey = (formKey: string) => change((current) => ({
    ...current,
    formKey,
    key: keyTouched.current ? current.key : suggestFlowKey(takenFlowKeys, formKey),
  }));
  const flowLevel = visibleIssues.filter((issue) => issue.target.kind === 'flow');

  const targetName = (target: IssueTarget): string => {
    switch (target.kind) {
      case 'flow': return t('flowDesigner.summary.flow');
      case 'start': return t('flow.node.start');
      case 'node': {
        const node = findNode(draft, target.nodeKey);
        return node ? labelText(node.name, locale) || target.nodeKey : target.nodeKey;
      }
      case 'branch': {
        const node = findNode(draft, target.nodeKey);
        const branch = node && 'branches' in node ? node.branches.find((candidate) => candidate.key === target.branchKey) : undefined;
        return branch ? labelText(branch.name, locale) || branch.key : target.branchKey;
      }
    }
  };

  /** Selects what an issue is about and scrolls it into view. */
  const showTarget = (target: IssueTarget) => {
    let selector = '[data-testid="flow-start"]';
    if (target.kind === 'start') setSelection({ kind: 'start' });
    else if (target.kind === 'node') {
      setSelection({ kind: 'node', nodeKey: target.nodeKey });
      selector = `[data-testid="flow-node"][data-node-key="${CSS.escape(target.nodeKey)}"]`;
    } else if (target.kind === 'branch') {
      setSelection({ kind: 'branch', nodeKey: target.nodeKey, branchKey: target.branchKey });
      selector = `[data-testid="flow-branch-group"][data-node-key="${CSS.escape(target.nodeKey)}"] > .fd-group__columns > [data-branch-key="${CSS.escape(target.branchKey)}"] > .fd-card-wrap > [data-testid="flow-branch-card"]`;
    }
    window.requestAnimationFrame(() => document.querySelector(selector)?.scrollIntoView?.({ block: 'center', inline: 'center', behavior: 'smooth' }));
  };

  const nextVersion = (version ?? 0) + 1;
  return (
    <DesignerContext.Provider value={api}>
      <div className="flow-designer" data-testid="flow-designer" data-flow-key={draft.key}>
        <div className="flow-designer__bar">
          <Link to={backTo} className="flow-designer__back" aria-label={t('flowDesigner.back')} title={t('flowDesigner.back')} data-testid="flow-back">
            <ArrowLeftOutlined />
          </Link>
          <Typography.Text strong ellipsis className="flow-designer__title">
            {labelText(draft.name, locale) || t('flowDesigner.untitledFlow')}
          </Typography.Text>
          {version !== null && <Tag data-testid="flow-version">v{version}</Tag>}
          {dirty && <Tag color="orange" data-testid="flow-dirty">{t('flowDesigner.unpublished')}</Tag>}
          <div className="flow-designer__spacer" />
          <Tooltip title={t('flowDesigner.undo')}>
            <Button icon={<UndoOutlined />} aria-label={t('flowDesigner.undo')} disabled={!canUndo(history)} onClick={doUndo} data-testid="flow-undo" />
          </Tooltip>
          <Tooltip title={t('flowDesigner.redo')}>
            <Button icon={<RedoOutlined />} aria-label={t('flowDesigner.redo')} disabled={!canRedo(history)} onClick={doRedo} data-testid="flow-redo" />
          </Tooltip>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={publish.isPending} onClick={onPublish} data-testid="flow-publish">
            {t('flowDesigner.publish', { version: nextVersion })}
          </Button>
        </div>
        <div className="flow-designer__settings">
          <label className="flow-designer__setting">
            <span>{t('flowDesigner.settings.name')}</span>
            <Input
              value={labelText(draft.name, locale)}
              maxLength={100}
              status={status('name')}
              placeholder={t('flowDesigner.settings.namePlaceholder')}
              data-testid="flow-name-input"
              onChange={(event) => change((current) => ({ ...current, name: withLocaleText(current.name, locale, event.target.value) }), 'flow-name')}
            />
          </label>
          <label className="flow-designer__setting">
            <span>{t('flowDesigner.settings.form')}</span>
            {isNew ? (
              <Select<string>
                value={draft.formKey || undefined}
                status={status('formKey')}
                placeholder={t('flowDesigner.settings.pickForm')}
                data-testid="flow-form-select"
                showSearch={{ optionFilterProp: 'label' }}
                options={forms.map((candidate) => ({ value: candidate.key, label: labelText(candidate.name, locale) || candidate.key }))}
                onChange={setFormKey}
              />
            ) : (
              <span className="flow-designer__static" data-testid="flow-form">{form ? labelText(form.name, locale) : draft.formKey}</span>
            )}
          </label>
          <label className="flow-designer__setting">
            <span>{t('flowDesigner.settings.key')}</span>
            {isNew ? (
              <Input
                value={draft.key}
                maxLength={63}
                status={status('key')}
                data-testid="flow-key-input"
                onChange={(event) => {
                  keyTouched.current = true;
                  change((current) => ({ ...current, key: event.target.value.trim() }), 'flow-key');
                }}
              />
            ) : (
              <span className="flow-designer__static" data-testid="flow-key">{draft.key}</span>
            )}
          </label>
          <label className="flow-designer__setting">
            <span>{t('flowDesigner.settings.withdraw')}</span>
            <Select<WithdrawPolicy>
              value={draft.withdraw ?? 'beforeFirstDecision'}
              data-testid="flow-withdraw-select"
              options={WITHDRAW.map((value) => ({ value, label: t(`flowDesigner.withdraw.${value}`) }))}
              onChange={(withdraw) => change((current) => {
                if (withdraw !== 'beforeFirstDecision') return { ...current, withdraw };
                const { withdraw: _default, ...rest } = current;
                return rest;
              })}
            />
          </label>
          <div className="flow-designer__note" data-testid="flow-version-note">
            {isNew ? t('flowDesigner.versionNoteNew') : t('flowDesigner.versionNote', { version, next: nextVersion })}
          </div>
        </div>
        {(visibleIssues.length > 0 || generalError) && (
          <Alert
            type="error"
            showIcon
            className="flow-designer__issues"
            data-testid="flow-issues"
            title={generalError ?? t('flowDesigner.summary.title', { count: visibleIssues.length })}
            description={visibleIssues.length > 0 && (
              <ul className="flow-designer__issue-list">
                {visibleIssues.map((issue, index) => (
                  <li key={index} data-testid="flow-issue" data-source={issue.source}>
                    {issue.target.kind === 'flow' ? (
                      <span className="flow-designer__issue-target">{targetName(issue.target)}</span>
                    ) : (
                      <Button
                        type="link"
                        size="small"
                        className="flow-designer__issue-target"
                        onClick={() => showTarget(issue.target)}
                      >
                        {targetName(issue.target)}
                      </Button>
                    )}
                    <span>{issueText(issue)}</span>
                  </li>
                ))}
              </ul>
            )}
          />
        )}
        {flowLevel.length === 0 && !form && draft.formKey && (
          <Alert type="warning" showIcon className="flow-designer__issues" title={t('flowDesigner.formMissing', { formKey: draft.formKey })} />
        )}
        <div className={`flow-designer__canvas${selection && !isMobile ? ' has-panel' : ''}`} data-testid="flow-canvas-scroll">
          <FlowCanvas />
        </div>
        <NodePanel />
      </div>
    </DesignerContext.Provider>
  );
}
