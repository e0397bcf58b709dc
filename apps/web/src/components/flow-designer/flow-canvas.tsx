import { Fragment, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Dropdown, type MenuProps } from 'antd';
import {
  AuditOutlined, BranchesOutlined, ClockCircleOutlined, CloseOutlined, EditOutlined, ExclamationCircleFilled, LeftOutlined,
  NodeIndexOutlined, PlusOutlined, RightOutlined, SendOutlined, ThunderboltOutlined, UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../hooks/use-locale';
import type { IssueTarget } from '../../lib/flow-designer/checks';
import { canMoveBranch, canRemoveBranch } from '../../lib/flow-designer/tree';
import {
  ADDABLE_NODE_TYPES, isBranching, isDefaultBranch, type BranchingNode, type ChainRef, type FlowBranch, type FlowNode,
} from '../../lib/flow-designer/types';
import { labelText } from '../../lib/label-text';
import { useDesigner } from './designer-context';

export const NODE_ICONS: Record<string, ReactNode> = {
  approval: <AuditOutlined />,
  handler: <EditOutlined />,
  cc: <SendOutlined />,
  condition: <BranchesOutlined />,
  parallel: <NodeIndexOutlined />,
  delay: <ClockCircleOutlined />,
  action: <ThunderboltOutlined />,
  subflow: <NodeIndexOutlined />,
};

const chainId = (chain: ChainRef) => (chain === null ? 'root' : `${chain.nodeKey}/${chain.branchKey}`);

/** Click or Enter/Space on a card selects it. */
function activate(onSelect: () => void) {
  return {
    role: 'button',
    tabIndex: 0,
    onClick: onSelect,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect();
      }
    },
  };
}

function IssueNote({ target, testId = 'flow-node-issue' }: { target: IssueTarget; testId?: string }) {
  const { issuesOf, issueText } = useDesigner();
  const issues = issuesOf(target);
  if (issues.length === 0) return null;
  return (
    <div className="fd-issue-note" data-testid={testId} role="alert">
      <ExclamationCircleFilled aria-hidden /> {issueText(issues[0])}
      {issues.length > 1 && <span className="fd-issue-note__more"> (+{issues.length - 1})</span>}
    </div>
  );
}

/** The "+" between two nodes: a menu of the node types to insert there. */
function AddButton({ chain, index }: { chain: ChainRef; index: number }) {
  const { t } = useTranslation();
  const { addNode } = useDesigner();
  const items: MenuProps['items'] = ADDABLE_NODE_TYPES.map((type) => ({
    key: type,
    icon: NODE_ICONS[type],
    label: <span data-testid={`flow-menu-${type}`}>{t(`flowDesigner.type.${type}`)}</span>,
  }));
  return (
    <div className="fd-add">
      <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => addNode(chain, index, key as (typeof ADDABLE_NODE_TYPES)[number]) }}>
        <Button
          type="primary"
          shape="circle"
          size="small"
          icon={<PlusOutlined />}
          className="fd-add__button"
          aria-label={t('flowDesigner.addNode')}
          title={t('flowDesigner.addNode')}
          data-testid="flow-add"
          data-chain={chainId(chain)}
          data-index={index}
        />
      </Dropdown>
    </div>
  );
}

function Chain({ chain, nodes }: { chain: ChainRef; nodes: readonly FlowNode[] }) {
  return (
    <>
      <AddButton chain={chain} index={0} />
      {nodes.map((node, index) => (
        <Fragment key={node.key}>
          {isBranching(node) ? <BranchGroup node={node} /> : <NodeCard node={node} />}
          <AddButton chain={chain} index={index + 1} />
        </Fragment>
      ))}
    </>
  );
}

function NodeCard({ node }: { node: FlowNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { summaries: { nodeSummary }, selection, select, removeNode, issuesOf } = useDesigner();
  const target: IssueTarget = { kind: 'node', nodeKey: node.key };
  const selected = selection?.kind === 'node' && selection.nodeKey === node.key;
  const hasIssue = issuesOf(target).length > 0;
  const summary = nodeSummary(node);
  const name = labelText(node.name, locale);
  const typeLabel = t(`flowDesigner.type.${node.type}`, { defaultValue: node.type });
  const placeholder = node.type === 'cc' ? t('flowDesigner.card.pickRecipients') : t('flowDesigner.card.pickApprovers');
  return (
    <div className="fd-card-wrap">
      <div
        className={`fd-card fd-card--${node.type}${selected ? ' is-selected' : ''}${hasIssue ? ' has-issue' : ''}`}
        data-testid="flow-node"
        data-node-key={node.key}
        data-node-type={node.type}
        aria-label={`${typeLabel}: ${name}`}
        aria-pressed={selected}
        {...activate(() => select({ kind: 'node', nodeKey: node.key }))}
      >
        <div className="fd-card__head">
          <span className="fd-card__icon" aria-hidden>{NODE_ICONS[node.type]}</span>
          <span className="fd-card__title">{name || typeLabel}</span>
          <Button
            type="text"
            size="small"
            className="fd-card__delete"
            icon={<CloseOutlined />}
            aria-label={t('flowDesigner.deleteNode')}
            title={t('flowDesigner.deleteNode')}
            data-testid="flow-node-delete"
            onClick={(event) => {
              event.stopPropagation();
              removeNode(node.key);
            }}
          />
        </div>
        <div className="fd-card__body">
          {summary ? <span className="fd-card__summary">{summary}</span> : <span className="fd-card__placeholder">{placeholder}</span>}
        </div>
      </div>
      <IssueNote target={target} />
    </div>
  );
}

function BranchCard({ node, branch, index }: { node: BranchingNode; branch: FlowBranch; index: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { summaries: { conditionText }, selection, select, moveBranch, removeBranch, issuesOf } = useDesigner();
  const target: IssueTarget = { kind: 'branch', nodeKey: node.key, branchKey: branch.key };
  const selected = selection?.kind === 'branch' && selection.nodeKey === node.key && selection.branchKey === branch.key;
  const isDefault = isDefaultBranch(node, branch);
  const text = node.type === 'parallel'
    ? t('flowDesigner.card.parallelBranch')
    : isDefault ? t('flowDesigner.card.defaultBranch') : conditionText(branch.condition);
  const name = labelText(branch.name, locale);
  return (
    <div className="fd-card-wrap">
      <div
        className={`fd-branch-card${isDefault ? ' is-default' : ''}${selected ? ' is-selected' : ''}${issuesOf(target).length > 0 ? ' has-issue' : ''}`}
        data-testid="flow-branch-card"
        aria-label={name}
        aria-pressed={selected}
        {...activate(() => select({ kind: 'branch', nodeKey: node.key, branchKey: branch.key }))}
      >
        <div className="fd-branch-card__head">
          <span className="fd-branch-card__name">{name || t('flowDesigner.untitled')}</span>
          {node.type === 'condition' && !isDefault && <span className="fd-branch-card__priority">{t('flowDesigner.priority', { n: index + 1 })}</span>}
        </div>
        <div className="fd-branch-card__body">
          {text ? <span>{text}</span> : <span className="fd-card__placeholder">{t('flowDesigner.card.setCondition')}</span>}
        </div>
        <div className="fd-branch-card__tools" onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
          <Button
            type="text"
            size="small"
            icon={<LeftOutlined />}
            disabled={!canMoveBranch(node, branch.key, -1)}
            aria-label={t('flowDesigner.moveLeft')}
            title={t('flowDesigner.moveLeft')}
            data-testid="flow-branch-left"
            onClick={() => moveBranch(node.key, branch.key, -1)}
          />
          <Button
            type="text"
            size="small"
            icon={<RightOutlined />}
            disabled={!canMoveBranch(node, branch.key, 1)}
            aria-label={t('flowDesigner.moveRight')}
            title={t('flowDesigner.moveRight')}
            data-testid="flow-branch-right"
            onClick={() => moveBranch(node.key, branch.key, 1)}
          />
          {canRemoveBranch(node, branch.key) && (
            <Button
              type="text"
              size="small"
              danger
              icon={<CloseOutlined />}
              aria-label={t('flowDesigner.deleteBranch')}
              title={t('flowDesigner.deleteBranch')}
              data-testid="flow-branch-delete"
              onClick={() => removeBranch(node.key, branch.key)}
            />
          )}
        </div>
      </div>
      <IssueNote target={target} testId="flow-branch-issue" />
    </div>
  );
}

/** A condition or parallel node: its branches side by side, each a chain of its own. */
function BranchGroup({ node }: { node: BranchingNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { selection, select, addBranch, removeNode, issuesOf } = useDesigner();
  const target: IssueTarget = { kind: 'node', nodeKey: node.key };
  const selected = selection?.kind === 'node' && selection.nodeKey === node.key;
  const typeLabel = t(`flowDesigner.type.${node.type}`);
  const name = labelText(node.name, locale);
  return (
    <div className={`fd-group fd-group--${node.type}`} data-testid="flow-branch-group" data-node-key={node.key}>
      <div className="fd-group__head">
        <div
          className={`fd-group__pill${selected ? ' is-selected' : ''}${issuesOf(target).length > 0 ? ' has-issue' : ''}`}
          data-testid="flow-node"
          data-node-key={node.key}
          data-node-type={node.type}
          aria-label={`${typeLabel}: ${name}`}
          aria-pressed={selected}
          {...activate(() => select({ kind: 'node', nodeKey: node.key }))}
        >
          <span aria-hidden>{NODE_ICONS[node.type]}</span>
          <span className="fd-group__name">{name || typeLabel}</span>
          <Button
            type="text"
            size="small"
            className="fd-card__delete"
            icon={<CloseOutlined />}
            aria-label={t('flowDesigner.deleteNode')}
            title={t('flowDesigner.deleteNode')}
            data-testid="flow-node-delete"
            onClick={(event) => {
              event.stopPropagation();
              removeNode(node.key);
            }}
          />
        </div>
        <Button size="small" className="fd-group__add" icon={<PlusOutlined />} data-testid="flow-add-branch" onClick={() => addBranch(node.key)}>
          {node.type === 'condition' ? t('flowDesigner.addCondition') : t('flowDesigner.addBranch')}
        </Button>
        <IssueNote target={target} />
      </div>
      <div className="fd-group__columns">
        {node.branches.map((branch, index) => (
          <div className="fd-branch" key={branch.key} data-testid="flow-branch" data-branch-key={branch.key} data-branch-index={index}>
            <div className="fd-line fd-line--short" />
            <BranchCard node={node} branch={branch} index={index} />
            <Chain chain={{ nodeKey: node.key, branchKey: branch.key }} nodes={branch.nodes} />
            <div className="fd-line fd-line--fill" />
          </div>
        ))}
      </div>
    </div>
  );
}

function StartCard() {
  const { t } = useTranslation();
  const { draft, summaries: { sourcesText }, selection, select, issuesOf } = useDesigner();
  const selected = selection?.kind === 'start';
  const initiators = draft.start?.initiators ?? [];
  return (
    <div className="fd-card-wrap">
      <div
        className={`fd-card fd-card--start${selected ? ' is-selected' : ''}${issuesOf({ kind: 'start' }).length > 0 ? ' has-issue' : ''}`}
        data-testid="flow-start"
        aria-pressed={selected}
        {...activate(() => select({ kind: 'start' }))}
      >
        <div className="fd-card__head">
          <span className="fd-card__icon" aria-hidden><UserOutlined /></span>
          <span className="fd-card__title">{t('flow.node.start')}</span>
        </div>
        <div className="fd-card__body">
          <span className="fd-card__summary">{initiators.length > 0 ? sourcesText(initiators) : t('flowDesigner.card.anyone')}</span>
        </div>
      </div>
      <IssueNote target={{ kind: 'start' }} />
    </div>
  );
}

/** The whole flow: 发起人, the chain, 结束. */
export function FlowCanvas() {
  const { t } = useTranslation();
  const { draft } = useDesigner();
  return (
    <div className="fd-flow" data-testid="flow-canvas">
      <StartCard />
      <Chain chain={null} nodes={draft.nodes} />
      <div className="fd-end" data-testid="flow-end">
        <span className="fd-end__dot" aria-hidden />
        {t('flowDesigner.end')}
      </div>
    </div>
  );
}
