import type { KeyboardEvent, ReactNode } from 'react';
import { Checkbox, Tag } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format-value';
import { useLocale } from '../../hooks/use-locale';

export type InboxRowView = {
  id: string;
  formName: string;
  title: string;
  /** The node the task is on (tasks) or the nodes the flow waits on (started flows). */
  nodeText: string;
  /** A tag beside the title: the flow's status (started) or the task's kind (resubmit, cc). */
  tag?: ReactNode;
  createdAt?: string;
  /** What createdAt means: a task's arrival (default) or a flow's start. */
  createdLabel?: string;
  dueAt?: string | null;
  overdue: boolean;
};

type Props = {
  view: InboxRowView;
  onOpen: () => void;
  /** Only on the to-do tab, for tasks a batch approval can take. */
  selectable?: boolean;
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
};

/** One inbox entry: a card on phones, a row on wider screens; the whole of it opens the approval detail. */
export function InboxRow({ view, onOpen, selectable = false, selected = false, onSelect }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const keyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen();
    }
  };
  return (
    <div
      role="button"
      tabIndex={0}
      className={`inbox-row${view.overdue ? ' inbox-row--overdue' : ''}${selected ? ' inbox-row--selected' : ''}`}
      data-testid="inbox-row"
      data-id={view.id}
      onClick={onOpen}
      onKeyDown={keyDown}
    >
      {selectable && (
        // The check box selects without opening the detail.
        <span className="inbox-row__select" onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
          <Checkbox checked={selected} onChange={(event) => onSelect?.(event.target.checked)} aria-label={t('inbox.select', { title: view.title || view.formName })} data-testid="inbox-select" />
        </span>
      )}
      <div className="inbox-row__main">
        <div className="inbox-row__top">
          <span className="inbox-row__form">{view.formName}</span>
          {view.tag}
        </div>
        <div className="inbox-row__title" data-testid="inbox-row-title">{view.title || t('record.untitled')}</div>
        <div className="inbox-row__meta">
          {view.nodeText && <span className="inbox-row__node">{view.nodeText}</span>}
          {view.createdAt && (
            <span className="inbox-row__time">
              <span className="inbox-row__label">{view.createdLabel ?? t('inbox.createdAt')}</span>
              <time dateTime={view.createdAt}>{formatDateTime(view.createdAt, locale)}</time>
            </span>
          )}
          {view.dueAt && (
            <span className={`inbox-row__time${view.overdue ? ' inbox-row__time--overdue' : ''}`} data-testid={view.overdue ? 'inbox-overdue' : undefined}>
              <ClockCircleOutlined aria-hidden />
              <span className="inbox-row__label">{t('inbox.dueAt')}</span>
              <time dateTime={view.dueAt}>{formatDateTime(view.dueAt, locale)}</time>
              {view.overdue && <Tag color="error" className="inbox-row__overdue-tag">{t('inbox.overdue')}</Tag>}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
