import type { ReactNode } from 'react';
import { Alert, Button, Drawer, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition, LocalizedText } from '@platform/schema';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { useLocale } from '../../hooks/use-locale';
import type { IssueTarget } from '../../lib/flow-designer/checks';
import { withLocaleText } from '../../lib/flow-designer/labels';
import { addDefaultBranch, findBranch, findNode, updateBranch, updateNode } from '../../lib/flow-designer/tree';
import {
  isApprovalLike, isDefaultBranch, type ApprovalMode, type ApprovalNode, type ApproverSourceType, type BranchingNode, type CcNode,
  type DelayNode, type DesignerSelection, type EmptyApproverPolicy, type FlowNode, type FlowReminder, type InitiatorApproverPolicy,
  type OverduePolicy, type ResubmitPolicy,
} from '../../lib/flow-designer/types';
import { labelText } from '../../lib/label-text';
import { UserSelect } from '../admin/user-select';
import { ActionPanel, SubflowPanel } from './automation-panels';
import { PanelSection } from './panel-section';
import { ConditionEditor } from './condition-editor';
import { useDesigner } from './designer-context';
import { DurationInput } from './duration-input';
import { FieldPermissionsEditor } from './field-permissions-editor';
import { NODE_ICONS } from './flow-canvas';
import { SourceEditor } from './source-editor';

const DATE_TYPES = new Set(['date', 'datetime']);
const MODES: ApprovalMode[] = ['sequential', 'countersign', 'anySign', 'vote'];
const ON_EMPTY: EmptyApproverPolicy[] = ['pass', 'admin', 'user', 'reject'];
const ON_INITIATOR: InitiatorApproverPolicy[] = ['self', 'skip', 'manager'];
const ON_OVERDUE: OverduePolicy[] = ['none', 'approve', 'reject', 'escalate', 'notify'];
const RESUBMIT: ResubmitPolicy[] = ['rerun', 'jumpBack'];
const REMINDER_AT: FlowReminder['at'][] = ['before', 'at', 'after'];
const INITIATOR_SOURCES: ApproverSourceType[] = ['users', 'roles'];

function PanelIssues({ target }: { target: IssueTarget }) {
  const { issuesOf, issueText } = useDesigner();
  const issues = issuesOf(target);
  if (issues.length === 0) return null;
  return <Alert type="error" showIcon className="fd-panel__issues" data-testid="flow-panel-issues" title={issues.map(issueText).join('；')} />;
}

/** The name input of a node or branch, in the current language; typing is one undo step. */
function NameInput({ value, onChange, testId }: { value: LocalizedText; onChange: (name: LocalizedText) => void; testId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <PanelSection title={t('flowDesigner.panel.name')}>
      <Input
        value={labelText(value, locale)}
        maxLength={100}
        aria-label={t('flowDesigner.panel.name')}
        data-testid={testId}
        status={labelText(value, locale).trim() === '' ? 'error' : undefined}
        onChange={(event) => onChange(withLocaleText(value, locale, event.target.value))}
      />
    </PanelSection>
  );
}

function dateFieldOptions(fields: readonly FieldDefinition[], locale: string) {
  return fields.filter((field) => DATE_TYPES.has(field.type)).map((field) => ({ value: field.key, label: labelText(field.label, locale) || field.key }));
}

/** 审批人 / 办理人. */
function ApprovalPanel({ node, edit }: { node: ApprovalNode; edit: (patch: Partial<ApprovalNode>, tag?: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { fields } = useDesigner();
  const mode = node.mode ?? 'sequential';
  const deadline = node.deadline;
  const dateFields = dateFieldOptions(fields, locale);
  const reminders = node.reminders ?? [];
  const setReminder = (index: number, patch: Partial<FlowReminder>) =>
    edit({ reminders: reminders.map((reminder, i) => (i === index ? { ...reminder, ...patch } : reminder)) });
  const who = node.type === 'handler' ? 'handler' : 'approval';
  return (
    <>
      <PanelSection title={t(`flowDesigner.panel.${who}Sources`)} hint={t('flowDesigner.panel.sourcesHint')}>
        <SourceEditor value={node.approvers} onChange={(approvers) => edit({ approvers })} fields={fields} addLabel={t('flowDesigner.source.add')} testId="approver-sources" />
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.mode')}>
        <Radio.Group
          value={mode}
          data-testid="node-mode"
          className="fd-radio-column"
          onChange={(event) => {
            const next = event.target.value as ApprovalMode;
            edit(next === 'vote' ? { mode: next, votePercent: node.votePercent ?? 50 } : { mode: next === 'sequential' ? undefined : next, votePercent: undefined });
          }}
          options={MODES.map((value) => ({ value, label: <span>{t(`flowDesigner.mode.${value}`)} <span className="fd-muted">{t(`flowDesigner.modeHint.${value}`)}</span></span> }))}
        />
        {mode === 'vote' && (
          <div className="fd-inline">
            <span>{t('flowDesigner.panel.votePercent')}</span>
            <InputNumber
              min={1}
              max={100}
              precision={0}
              value={node.votePercent ?? null}
              suffix="%"
              aria-label={t('flowDesigner.panel.votePercent')}
              data-testid="node-vote-percent"
              status={node.votePercent === undefined || node.votePercent < 1 || node.votePercent > 100 ? 'error' : undefined}
              onChange={(value) => edit({ votePercent: value ?? undefined }, 'votePercent')}
            />
          </div>
        )}
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.onEmpty')}>
        <Select<EmptyApproverPolicy>
          className="fd-full"
          value={node.onEmpty ?? 'pass'}
          aria-label={t('flowDesigner.panel.onEmpty')}
          data-testid="node-on-empty"
          options={ON_EMPTY.map((value) => ({ value, label: t(`flowDesigner.onEmpty.${value}`) }))}
          onChange={(value) => edit({ onEmpty: value === 'pass' ? undefined : value, onEmptyUserId: value === 'user' ? node.onEmptyUserId : undefined })}
        />
        {node.onEmpty === 'user' && (
          <UserSelect
            className="fd-full fd-gap-top"
            aria-label={t('flowDesigner.panel.onEmptyUser')}
            placeholder={t('flowDesigner.panel.onEmptyUser')}
            value={node.onEmptyUserId}
            disableInactive
            onChange={(onEmptyUserId) => edit({ onEmptyUserId })}
          />
        )}
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.onInitiator')}>
        <Select<InitiatorApproverPolicy>
          className="fd-full"
          value={node.onInitiator ?? 'self'}
          aria-label={t('flowDesigner.panel.onInitiator')}
          data-testid="node-on-initiator"
          options={ON_INITIATOR.map((value) => ({ value, label: t(`flowDesigner.onInitiator.${value}`) }))}
          onChange={(value) => edit({ onInitiator: value === 'self' ? undefined : value })}
        />
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.more')}>
        <label className="fd-switch-row">
          <Switch size="small" checked={node.dedupe === true} data-testid="node-dedupe" onChange={(dedupe) => edit({ dedupe: dedupe || undefined })} />
          <span>{t('flowDesigner.panel.dedupe')}</span>
        </label>
        {node.type === 'approval' && (
          <label className="fd-switch-row">
            <Switch size="small" checked={node.rejectCommentRequired === true} onChange={(value) => edit({ rejectCommentRequired: value || undefined })} />
            <span>{t('flowDesigner.panel.rejectCommentRequired')}</span>
          </label>
        )}
        <div className="fd-inline">
          <span>{t('flowDesigner.panel.resubmit')}</span>
          <Select<ResubmitPolicy>
            value={node.resubmit ?? 'rerun'}
            className="fd-grow"
            aria-label={t('flowDesigner.panel.resubmit')}
            options={RESUBMIT.map((value) => ({ value, label: t(`flowDesigner.resubmit.${value}`) }))}
            onChange={(value) => edit({ resubmit: value === 'rerun' ? undefined : value })}
          />
        </div>
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.deadline')} testId="node-deadline">
        <label className="fd-switch-row">
          <Switch
            size="small"
            checked={deadline !== undefined}
            data-testid="node-deadline-switch"
            onChange={(on) => edit(on ? { deadline: { after: 'PT24H' } } : { deadline: undefined, onOverdue: undefined, reminders: undefined })}
          />
          <span>{t('flowDesigner.panel.deadlineOn')}</span>
        </label>
        {deadline !== undefined && (
          <>
            <Radio.Group
              value={'after' in deadline ? 'after' : 'field'}
              onChange={(event) => edit({ deadline: event.target.value === 'after' ? { after: 'PT24H' } : { field: dateFields[0]?.value ?? '' } })}
              options={[
                { value: 'after', label: t('flowDesigner.panel.deadlineAfter') },
                { value: 'field', label: t('flowDesigner.panel.deadlineField'), disabled: dateFields.length === 0 },
              ]}
            />
            <div className="fd-inline">
              {'after' in deadline ? (
                <DurationInput value={deadline.after} onChange={(after) => edit({ deadline: { after } }, 'deadline')} testId="node-deadline-after" ariaLabel={t('flowDesigner.panel.deadlineAfter')} />
              ) : (
                <Select<string>
                  className="fd-grow"
                  value={deadline.field || undefined}
                  aria-label={t('flowDesigner.panel.deadlineField')}
                  options={dateFields}
                  onChange={(field) => edit({ deadline: { field } })}
                />
              )}
            </div>
            <div className="fd-inline">
              <span>{t('flowDesigner.panel.onOverdue')}</span>
              <Select<OverduePolicy>
                className="fd-grow"
                value={node.onOverdue ?? 'none'}
                aria-label={t('flowDesigner.panel.onOverdue')}
                data-testid="node-on-overdue"
                options={ON_OVERDUE.map((value) => ({ value, label: t(`flowDesigner.onOverdue.${value}`) }))}
                onChange={(value) => edit({ onOverdue: value === 'none' ? undefined : value })}
              />
            </div>
          </>
        )}
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.reminders')} hint={deadline === undefined ? t('flowDesigner.panel.remindersNoDeadline') : undefined}>
        {reminders.map((reminder, index) => (
          <div className="fd-reminder" key={index} data-testid="node-reminder">
            <Select<FlowReminder['at']>
              value={reminder.at}
              aria-label={t('flowDesigner.panel.reminderAt')}
              options={REMINDER_AT.map((value) => ({ value, label: t(`flowDesigner.reminderAt.${value}`), disabled: deadline === undefined && value !== 'after' }))}
              onChange={(at) => setReminder(index, at === 'at' ? { at, offset: undefined } : { at, offset: reminder.offset ?? 'PT2H' })}
            />
            {reminder.at !== 'at' && (
              <DurationInput value={reminder.offset ?? 'PT2H'} units={['minutes', 'hours', 'days']} onChange={(offset) => setReminder(index, { offset })} testId="reminder-offset" ariaLabel={t('flowDesigner.panel.reminderOffset')} />
            )}
            <span className="fd-inline">
              <span>{t('flowDesigner.panel.reminderTimes')}</span>
              <InputNumber
                min={1}
                max={20}
                precision={0}
                size="small"
                value={reminder.times ?? 1}
                aria-label={t('flowDesigner.panel.reminderTimes')}
                onChange={(times) => setReminder(index, times && times > 1 ? { times, repeat: reminder.repeat ?? 'PT4H' } : { times: undefined, repeat: undefined })}
              />
            </span>
            {(reminder.times ?? 1) > 1 && (
              <span className="fd-inline">
                <span>{t('flowDesigner.panel.reminderRepeat')}</span>
                <DurationInput value={reminder.repeat ?? 'PT4H'} units={['minutes', 'hours', 'days']} onChange={(repeat) => setReminder(index, { repeat })} testId="reminder-repeat" ariaLabel={t('flowDesigner.panel.reminderRepeat')} />
              </span>
            )}
            <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('flowDesigner.panel.removeReminder')} onClick={() => edit({ reminders: reminders.filter((_, i) => i !== index) })} />
          </div>
        ))}
        <Button
          size="small"
          icon={<PlusOutlined />}
          data-testid="node-reminder-add"
          onClick={() => edit({ reminders: [...reminders, deadline === undefined ? { at: 'after', offset: 'PT24H' } : { at: 'before', offset: 'PT2H' }] })}
        >
          {t('flowDesigner.panel.addReminder')}
        </Button>
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.permissions')} hint={t('flowDesigner.panel.permissionsHint')}>
        <FieldPermissionsEditor value={node.fieldPermissions} fields={fields} scope="node" onChange={(fieldPermissions) => edit({ fieldPermissions })} />
      </PanelSection>
    </>
  );
}

function CcPanel({ node, edit }: { node: CcNode; edit: (patch: Partial<CcNode>) => void }) {
  const { t } = useTranslation();
  const { fields } = useDesigner();
  return (
    <>
      <PanelSection title={t('flowDesigner.panel.ccSources')}>
        <SourceEditor value={node.recipients} onChange={(recipients) => edit({ recipients })} fields={fields} addLabel={t('flowDesigner.source.add')} testId="cc-sources" />
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.permissions')} hint={t('flowDesigner.panel.ccPermissionsHint')}>
        <FieldPermissionsEditor value={node.fieldPermissions} fields={fields} scope="node" options={['hidden', 'readonly']} onChange={(fieldPermissions) => edit({ fieldPermissions })} />
      </PanelSection>
    </>
  );
}

function DelayPanel({ node, edit }: { node: DelayNode; edit: (patch: Partial<DelayNode>, tag?: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { fields } = useDesigner();
  const dateFields = dateFieldOptions(fields, locale);
  const byField = node.untilField !== undefined;
  return (
    <PanelSection title={t('flowDesigner.panel.delay')}>
      <Radio.Group
        value={byField ? 'field' : 'duration'}
        data-testid="node-delay-kind"
        onChange={(event) => edit(event.target.value === 'field' ? { duration: undefined, untilField: dateFields[0]?.value ?? '' } : { duration: 'P1D', untilField: undefined })}
        options={[
          { value: 'duration', label: t('flowDesigner.panel.delayDuration') },
          { value: 'field', label: t('flowDesigner.panel.delayField'), disabled: dateFields.length === 0 && !byField },
        ]}
      />
      <div className="fd-inline">
        {byField ? (
          <Select<string> className="fd-grow" value={node.untilField || undefined} options={dateFields} aria-label={t('flowDesigner.panel.delayField')} onChange={(untilField) => edit({ untilField })} />
        ) : (
          <DurationInput value={node.duration} units={['minutes', 'hours', 'days']} onChange={(duration) => edit({ duration }, 'duration')} testId="node-delay-duration" ariaLabel={t('flowDesigner.panel.delayDuration')} />
        )}
      </div>
    </PanelSection>
  );
}

function BranchingPanel({ node }: { node: BranchingNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { addBranch, change, select } = useDesigner();
  const hasDefault = node.type !== 'condition' || node.branches.some((branch) => isDefaultBranch(node, branch));
  return (
    <PanelSection title={t('flowDesigner.panel.branches')} hint={node.type === 'condition' ? t('flowDesigner.panel.conditionHint') : t('flowDesigner.panel.parallelHint')}>
      <ol className="fd-branch-list">
        {node.branches.map((branch) => (
          <li key={branch.key}>
            <Button type="link" size="small" onClick={() => select({ kind: 'branch', nodeKey: node.key, branchKey: branch.key })}>
              {labelText(branch.name, locale) || branch.key}
            </Button>
            {isDefaultBranch(node, branch) && <span className="fd-muted">{t('flowDesigner.panel.defaultTag')}</span>}
          </li>
        ))}
      </ol>
      <div className="fd-inline">
        <Button size="small" icon={<PlusOutlined />} onClick={() => addBranch(node.key)}>
          {node.type === 'condition' ? t('flowDesigner.addCondition') : t('flowDesigner.addBranch')}
        </Button>
        {!hasDefault && (
          <Button size="small" data-testid="flow-add-default-branch" onClick={() => change((draft) => addDefaultBranch(draft, node.key, t('flowDesigner.defaultBranchName')))}>
            {t('flowDesigner.panel.addDefault')}
          </Button>
        )}
      </div>
    </PanelSection>
  );
}

function NodeBody({ node }: { node: FlowNode }) {
  const { t } = useTranslation();
  const { change } = useDesigner();
  const edit = <T extends FlowNode>(patch: Partial<T>, tag?: string) =>
    change((draft) => updateNode(draft, node.key, (current) => {
      const next = { ...current, ...patch } as Record<string, unknown>;
      // Unset settings leave the definition instead of staying as undefined.
      for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
      return next as FlowNode;
    }), tag === undefined ? undefined : `${tag}:${node.key}`);
  return (
    <>
      <PanelIssues target={{ kind: 'node', nodeKey: node.key }} />
      <NameInput value={node.name} onChange={(name) => edit({ name }, 'name')} testId="node-name-input" />
      {isApprovalLike(node) && <ApprovalPanel node={node} edit={edit} />}
      {node.type === 'cc' && <CcPanel node={node} edit={edit} />}
      {node.type === 'delay' && <DelayPanel node={node} edit={edit} />}
      {(node.type === 'condition' || node.type === 'parallel') && <BranchingPanel node={node} />}
      {node.type === 'action' && <ActionPanel node={node} edit={edit} />}
      {node.type === 'subflow' && <SubflowPanel node={node} edit={edit} />}
      <Typography.Text type="secondary" className="fd-key">{t('flowDesigner.panel.key', { key: node.key })}</Typography.Text>
    </>
  );
}

function BranchBody({ nodeKey, branchKey }: { nodeKey: string; branchKey: string }) {
  const { t } = useTranslation();
  const { draft, fields, change } = useDesigner();
  const found = findBranch(draft, nodeKey, branchKey);
  if (!found) return null;
  const { node, branch, index } = found;
  const edit = (patch: Partial<typeof branch>, tag?: string) =>
    change((current) => updateBranch(current, nodeKey, branchKey, (old) => ({ ...old, ...patch })), tag === undefined ? undefined : `${tag}:${nodeKey}/${branchKey}`);
  return (
    <>
      <PanelIssues target={{ kind: 'branch', nodeKey, branchKey }} />
      <NameInput value={branch.name} onChange={(name) => edit({ name }, 'branch-name')} testId="branch-name-input" />
      {node.type === 'parallel' ? (
        <div className="fd-muted">{t('flowDesigner.panel.parallelBranchHint')}</div>
      ) : isDefaultBranch(node, branch) ? (
        <Alert type="info" showIcon title={t('flowDesigner.panel.defaultBranchHint')} />
      ) : (
        <PanelSection title={t('flowDesigner.panel.condition', { n: index + 1 })} hint={t('flowDesigner.panel.conditionOrderHint')}>
          <ConditionEditor key={`${nodeKey}/${branchKey}`} value={branch.condition} fields={fields} onChange={(condition) => edit({ condition }, 'condition')} />
        </PanelSection>
      )}
    </>
  );
}

function StartBody() {
  const { t } = useTranslation();
  const { draft, fields, change } = useDesigner();
  const start = draft.start ?? {};
  const edit = (patch: Partial<typeof start>) => change((current) => {
    const next = { ...current.start, ...patch };
    for (const [key, value] of Object.entries(patch)) if (value === undefined) delete (next as Record<string, unknown>)[key];
    if (Object.keys(next).length > 0) return { ...current, start: next };
    const { start: _dropped, ...rest } = current;
    return rest;
  });
  return (
    <>
      <PanelIssues target={{ kind: 'start' }} />
      <PanelSection title={t('flowDesigner.panel.initiators')} hint={t('flowDesigner.panel.initiatorsHint')}>
        <SourceEditor
          value={start.initiators ?? []}
          allowed={INITIATOR_SOURCES}
          fields={fields}
          addLabel={t('flowDesigner.source.addInitiators')}
          testId="start-initiators"
          onChange={(initiators) => edit({ initiators: initiators.length > 0 ? initiators : undefined })}
        />
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.permissions')} hint={t('flowDesigner.panel.startPermissionsHint')}>
        <FieldPermissionsEditor value={start.fieldPermissions} fields={fields} scope="start" onChange={(fieldPermissions) => edit({ fieldPermissions })} />
      </PanelSection>
    </>
  );
}

function panelTitle(selection: DesignerSelection, node: FlowNode | undefined, t: (key: string, options?: Record<string, unknown>) => string): ReactNode {
  if (selection.kind === 'start') return t('flow.node.start');
  if (selection.kind === 'branch') return t('flowDesigner.panel.branchTitle');
  return node ? <span className="fd-panel__title">{NODE_ICONS[node.type]} {t(`flowDesigner.type.${node.type}`, { defaultValue: node.type })}</span> : '';
}

/** The side panel: edits whatever is selected on the canvas. */
export function NodePanel() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { draft, selection, select } = useDesigner();
  const node = selection?.kind === 'node' ? findNode(draft, selection.nodeKey) : undefined;
  const exists = selection !== null && (selection.kind === 'start' || (selection.kind === 'node' ? !!node : !!findBranch(draft, selection.nodeKey, selection.branchKey)));
  const bodyKey = selection === null ? 'none' : selection.kind === 'start' ? 'start' : selection.kind === 'node' ? `n:${selection.nodeKey}` : `b:${selection.nodeKey}/${selection.branchKey}`;
  return (
    <Drawer
      open={exists}
      mask={false}
      size={isMobile ? '100%' : 480}
      title={selection && exists ? panelTitle(selection, node, t) : ''}
      onClose={() => select(null)}
      closable={false}
      extra={
        <Button type="text" icon={<CloseOutlined />} aria-label={t('flowDesigner.panel.close')} title={t('flowDesigner.panel.close')} data-testid="flow-panel-close" onClick={() => select(null)} />
      }
      className="fd-panel"
      rootClassName="fd-panel-root"
      data-testid="flow-panel"
    >
      <div key={bodyKey} className="fd-panel__body" data-testid="flow-panel-body">
        {selection?.kind === 'start' && <StartBody />}
        {node && <NodeBody node={node} />}
        {selection?.kind === 'branch' && <BranchBody nodeKey={selection.nodeKey} branchKey={selection.branchKey} />}
      </div>
    </Drawer>
  );
}
