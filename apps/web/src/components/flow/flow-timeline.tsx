import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDefinitionSummary, FlowInstance } from '../../api/flow-types';
import { useFlowNames } from '../../hooks/use-flows';
import { useLocale } from '../../hooks/use-locale';
import { useUsers } from '../../hooks/use-lookups';
import { buildTimeline } from '../../lib/flow-timeline';
import { formatDateTime } from '../../lib/format-value';
import { flowStatusKey } from '../../lib/flow-status';
import './flow.css';

type Props = { instance: FlowInstance; flows: readonly FlowDefinitionSummary[] | undefined };

/** The flow's history, oldest first: who did what on which node, with comments; then who it waits on. */
export function FlowTimeline({ instance, flows }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { userName } = useUsers();
  const { nodeName } = useFlowNames(flows);
  const items = useMemo(
    () => buildTimeline(instance, { nodeName: (key) => nodeName(instance.flowKey, key), userName, systemName: t('flow.system') }),
    [instance, nodeName, userName, t],
  );

  return (
    <ol className="flow-timeline" data-testid="flow-timeline">
      {items.map((item) => {
        const text = item.event === 'completed' && item.status
          ? t('flow.event.completedAs', { status: t(flowStatusKey(item.status)) })
          : t(`flow.event.${item.event}`, { defaultValue: item.event, node: item.nodeName, actor: item.actorName });
        return (
          <li key={item.key} className={`flow-timeline__item flow-timeline__item--${item.tone}`} data-testid="flow-timeline-item" data-event={item.event}>
            <span className="flow-timeline__dot" aria-hidden />
            <div className="flow-timeline__body">
              <div className="flow-timeline__head">
                {item.actorName && item.event !== 'pending' && item.event !== 'taskCreated' && <strong className="flow-timeline__actor">{item.actorName}</strong>}
                <span className="flow-timeline__text">{text}</span>
                {item.nodeName && item.nodeKey !== 'start' && item.event !== 'taskCreated' && item.event !== 'pending' && <span className="flow-timeline__node">{item.nodeName}</span>}
              </div>
              {item.at && <time className="flow-timeline__time" dateTime={item.at}>{formatDateTime(item.at, locale)}</time>}
              {item.comment && <blockquote className="flow-timeline__comment">{item.comment}</blockquote>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
