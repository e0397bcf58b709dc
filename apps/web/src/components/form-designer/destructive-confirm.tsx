import { Alert, Modal, Spin, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { countRecords } from '../../api/form-design-endpoints';
import { useLocale } from '../../hooks/use-locale';
import { formatNumber } from '../../lib/format-value';
import { affectedRecordsQuery, changeLabel, type DestructiveChange } from '../../lib/form-designer/destructive';

type Props = {
  open: boolean;
  appKey: string;
  formKey: string;
  changes: readonly DestructiveChange[];
  typeLabel: (type: string) => string;
  saving: boolean;
  onOk: () => void;
  onCancel: () => void;
};

const changeId = (change: DestructiveChange) => (change.kind === 'columnRemoved' ? `${change.key}.${change.column}` : change.key);

/**
 * Before a save that loses data: each removed or retyped field with the number of records holding a
 * value in it (POST records/query with isNotEmpty, its `total`), so the designer knows what is at stake.
 */
export function DestructiveConfirm({ open, appKey, formKey, changes, typeLabel, saving, onOk, onCancel }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const counts = useQueries({
    queries: changes.map((change) => {
      const query = affectedRecordsQuery(change);
      return {
        queryKey: ['form-designer-affected', appKey, formKey, changeId(change), change.kind],
        queryFn: () => countRecords(appKey, formKey, query!),
        enabled: open && query !== null,
        staleTime: 0,
        gcTime: 0,
        retry: false,
      };
    }),
  });
  const what = (change: DestructiveChange) => {
    switch (change.kind) {
      case 'removed': return t('formDesigner.destructive.removed');
      case 'retyped': return t('formDesigner.destructive.retyped', { from: typeLabel(change.from), to: typeLabel(change.to) });
      case 'columnRemoved': return t('formDesigner.destructive.columnRemoved');
    }
  };
  return (
    <Modal
      open={open}
      title={t('formDesigner.destructive.title')}
      okText={t('formDesigner.destructive.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'destructive-ok' } as never}
      cancelButtonProps={{ 'data-testid': 'destructive-cancel' } as never}
      onOk={onOk}
      onCancel={onCancel}
      destroyOnHidden
    >
      <div data-testid="destructive-confirm">
        <Alert type="warning" showIcon title={t('formDesigner.destructive.intro')} className="fmd-destructive__intro" />
        <ul className="fmd-destructive">
          {changes.map((change, index) => {
            const count = counts[index];
            const query = affectedRecordsQuery(change);
            let countText;
            if (query === null) countText = t('formDesigner.destructive.uncountable');
            else if (count.isLoading) countText = <Spin size="small" />;
            else if (count.error || count.data === undefined) countText = t('formDesigner.destructive.countFailed');
            else countText = t('formDesigner.destructive.count', { count: count.data, n: formatNumber(count.data, locale) });
            return (
              <li key={changeId(change)} data-testid="destructive-item" data-field-key={change.key} data-kind={change.kind}>
                <Typography.Text strong>{changeLabel(change, locale)}</Typography.Text>
                <span className="fmd-destructive__what">{what(change)}</span>
                <span className="fmd-destructive__count" data-testid="destructive-count" data-count={count?.data ?? ''}>{countText}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </Modal>
  );
}
