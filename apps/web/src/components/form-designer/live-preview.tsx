import { Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormMeta } from '../../api/types';
import { useFormatContext } from '../../hooks/use-format-context';
import { useLocale } from '../../hooks/use-locale';
import { useDepartments, useUsers } from '../../hooks/use-lookups';
import { labelText } from '../../lib/label-text';
import type { FormValues } from '../../lib/form-values';
import { RecordForm } from '../record-form';

/** The draft as a user will fill it: the record form itself, with the linkage rules running live. */
export function LivePreview({ form, phone }: { form: FormMeta; phone: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [formInstance] = Form.useForm<FormValues>();
  const { users } = useUsers();
  const { departments } = useDepartments();
  const formatContext = useFormatContext();
  return (
    <div className="fmd-canvas" data-testid="form-designer-preview">
      <div className={`fmd-sheet${phone ? ' is-phone' : ''}`}>
        <Typography.Title level={4} className="fmd-sheet__title">{labelText(form.name, locale) || t('formDesigner.untitled')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('formDesigner.preview.hint')}</Typography.Paragraph>
        <RecordForm
          form={form}
          formInstance={formInstance}
          initialValues={{}}
          users={users}
          departments={departments}
          formatContext={formatContext}
          isMobile={phone}
        />
      </div>
    </div>
  );
}
