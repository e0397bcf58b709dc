import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { createApp } from '../../api/app-builder-endpoints';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../lib/api-errors';
import { APP_KEY_PATTERN, suggestAppKey } from '../../lib/app-builder/app-key';
import { useLocale } from '../../hooks/use-locale';
import { IconPicker } from './icon-picker';

type Values = { name: string; key: string; description?: string };

/** "New app": a name, a key (suggested from the name) and an icon; the app starts as a draft in the builder. */
export function CreateAppDialog({ open, onClose, takenKeys }: { open: boolean; onClose: () => void; takenKeys: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [icon, setIcon] = useState<string | undefined>('🏢');
  const [keyTouched, setKeyTouched] = useState(false);
  const create = useMutation({
    mutationFn: (values: Values) => createApp({
      key: values.key,
      name: { [locale]: values.name.trim() },
      ...(values.description?.trim() ? { description: { [locale]: values.description.trim() } } : {}),
      ...(icon ? { icon } : {}),
      published: false,
    }),
    onSuccess: async (app) => {
      await queryClient.invalidateQueries({ queryKey: ['apps'] });
      onClose();
      navigate(`/apps/${encodeURIComponent(app.key)}/builder`);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'KEY_TAKEN') {
        form.setFields([{ name: 'key', errors: [t('appBuilder.keyTaken')] }]);
        return;
      }
      const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
      void message.error(isApiError(error) ? errorMessage(error, translate) : String(error));
    },
  });
  return (
    <Modal
      open={open}
      title={t('appBuilder.createTitle')}
      okText={t('appBuilder.create')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'create-app-ok' } as Record<string, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)} initialValues={{ name: '', key: '' }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.name !== undefined && !keyTouched) form.setFieldValue('key', suggestAppKey(changed.name, takenKeys));
          if (changed.key !== undefined) setKeyTouched(true);
        }}
      >
        <Form.Item label={t('appBuilder.icon')}>
          <IconPicker value={icon} onChange={setIcon} placeholder="?" label={t('appBuilder.icon')} testId="create-app-icon" />
        </Form.Item>
        <Form.Item name="name" label={t('appBuilder.appName')} rules={[{ required: true, whitespace: true, message: t('appBuilder.nameRequired') }]}>
          <Input maxLength={100} autoFocus data-testid="create-app-name" />
        </Form.Item>
        <Form.Item name="key" label={t('appBuilder.appKey')} extra={t('appBuilder.appKeyHint')}
          rules={[
            { required: true, message: t('appBuilder.keyRequired') },
            { pattern: APP_KEY_PATTERN, message: t('appBuilder.keyPattern') },
            { validator: async (_rule, value: string) => { if (takenKeys.has(value)) throw new Error(t('appBuilder.keyTaken')); } },
          ]}
        >
          <Input maxLength={63} data-testid="create-app-key" />
        </Form.Item>
        <Form.Item name="description" label={t('appBuilder.appDescription')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="create-app-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
