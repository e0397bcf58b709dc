import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DeleteOutlined, EditOutlined, PlusOutlined, SaveOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { LocalizedText, NavigationItem } from '@platform/schema';
import {
  appDraftsKey, discardAllDrafts, discardAppDraft, discardFormDraft, fetchAppDrafts, publishApp, saveAppDraft, type AppDraft,
} from '../api/app-builder-endpoints';
import { isApiError } from '../api/client';
import type { AppDetail } from '../api/types';
import { useCurrentUser } from '../auth/use-current-user';
import { AppIcon } from '../components/app-icon';
import { IconPicker } from '../components/app-builder/icon-picker';
import { NavigationEditor, type NavForm } from '../components/app-builder/navigation-editor';
import { PageError, PageLoading } from '../components/page-state';
import { appQueryOptions, formsQueryOptions, useAppMeta } from '../hooks/use-app-meta';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useLeaveGuard } from '../hooks/use-leave-guard';
import { useLocale } from '../hooks/use-locale';
import { publishErrorText } from '../lib/app-builder/publish-error';
import { startingNavigation, unnamedGroups, withoutMissingForms } from '../lib/app-builder/navigation-edit';
import { labelText } from '../lib/label-text';
import '../components/app-builder/app-builder.css';

const LOCALES = ['zh-CN', 'en-US'] as const;

const asLocalized = (text: LocalizedText | undefined): Record<string, string> =>
  typeof text === 'string' ? { 'zh-CN': text } : { ...(text ?? {}) };

/** Empty translations are left out; a text with none at all is undefined. */
function cleanText(text: Record<string, string>): LocalizedText | undefined {
  const kept = Object.fromEntries(Object.entries(text).filter(([, value]) => value.trim()));
  return Object.keys(kept).length ? kept : undefined;
}

/** What the builder edits, from the waiting draft or else the published app. */
function startingDraft(app: AppDetail, waiting: AppDraft | null, formKeys: string[]): AppDraft {
  const base = waiting ?? { name: app.name, description: app.description ?? undefined, icon: app.icon ?? undefined, navigation: app.navigation ?? [] };
  return { ...base, navigation: withoutMissingForms(startingNavigation(base.navigation, formKeys), formKeys) };
}

/**
 * /apps/:appKey/builder: the app builder, for administrators. The app's name, description and icon and
 * its menu (groups, order, icons) are edited here and kept as a draft; "Publish" applies them together
 * with every form saved as a draft, and makes a new app visible to its users.
 */
export default function AppBuilderPage() {
  const { appKey = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const meta = useAppMeta(appKey);
  const drafts = useQuery({ queryKey: appDraftsKey(appKey), queryFn: () => fetchAppDrafts(appKey), enabled: !!user?.isAdmin, staleTime: 0 });
  useDocumentTitle(t('appBuilder.title'));
  if (!user?.isAdmin) {
    return <Alert type="warning" showIcon message={t('appBuilder.forbidden')} data-testid="app-builder-forbidden" />;
  }
  if (meta.isLoading || drafts.isLoading) return <PageLoading />;
  if (meta.error || !meta.app) return <PageError error={meta.error} onRetry={meta.refetch} />;
  if (drafts.error || !drafts.data) return <PageError error={drafts.error} onRetry={() => void drafts.refetch()} />;
  return <Builder key={appKey} appKey={appKey} app={meta.app} formKeys={meta.forms.map((form) => form.key)} forms={meta.forms} drafts={drafts.data} />;
}

type BuilderProps = {
  appKey: string;
  app: AppDetail;
  formKeys: string[];
  forms: { key: string; name: LocalizedText }[];
  drafts: Awaited<ReturnType<typeof fetchAppDrafts>>;
};

function Builder({ appKey, app, formKeys, forms, drafts }: BuilderProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<AppDraft>(() => startingDraft(app, drafts.app, formKeys));
  const [draft, setDraft] = useState<AppDraft>(saved);
  const dirty = draft !== saved;
  useLeaveGuard(dirty, { title: t('appBuilder.leaveTitle'), content: t('appBuilder.leaveContent'), leave: t('appBuilder.leave') });

  const translate = (key: string, fallback: string, values?: Record<string, string | number>) => t(key, { defaultValue: fallback, ...values });
  const showError = (error: unknown) => {
    void message.error(isApiError(error) ? publishErrorText(error, translate, locale) : String(error));
  };
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: appDraftsKey(appKey) }),
      queryClient.invalidateQueries({ queryKey: appQueryOptions(appKey).queryKey }),
      queryClient.invalidateQueries({ queryKey: formsQueryOptions(appKey).queryKey }),
      queryClient.invalidateQueries({ queryKey: ['apps'] }),
    ]);
  };

  const nameText = asLocalized(draft.name);
  const descriptionText = asLocalized(draft.description);
  const unnamed = unnamedGroups(draft.navigation);
  const nameMissing = !cleanText(nameText);
  const blocked = nameMissing || unnamed.length > 0;

  const save = useMutation({
    mutationFn: (sent: AppDraft) => saveAppDraft(appKey, {
      name: sent.name, description: sent.description ?? null, icon: sent.icon ?? null, navigation: sent.navigation,
    }).then(() => sent),
    onSuccess: (sent) => {
      setSaved(sent);
      void queryClient.invalidateQueries({ queryKey: appDraftsKey(appKey) });
    },
    onError: showError,
  });
  const publish = useMutation({
    mutationFn: async () => {
      if (dirty) await save.mutateAsync(draft);
      return publishApp(appKey);
    },
    onSuccess: async () => {
      void message.success(t('appBuilder.published'));
      await refresh();
    },
    onError: showError,
  });
  const backToPublished = async () => {
    const fresh = startingDraft(app, null, formKeys);
    setSaved(fresh);
    setDraft(fresh);
    await refresh();
  };
  const discard = useMutation({ mutationFn: () => discardAppDraft(appKey), onSuccess: backToPublished, onError: showError });
  const discardAll = useMutation({
    mutationFn: () => discardAllDrafts(appKey),
    onSuccess: async () => {
      await backToPublished();
      void message.success(t('appBuilder.discardedAll'));
    },
    onError: showError,
  });
  const discardForm = useMutation({ mutationFn: (formKey: string) => discardFormDraft(appKey, formKey), onSuccess: refresh, onError: showError });

  const navForms = useMemo<NavForm[]>(() => [
    ...forms.map((form) => ({ key: form.key, name: form.name, draft: drafts.forms.some((d) => d.key === form.key) })),
    // New forms exist only as drafts until published; they can be placed in the menu already.
    ...drafts.forms.filter((d) => d.isNew).map((d) => ({ key: d.key, name: d.name, draft: true })),
  ], [forms, drafts.forms]);
  const allKeys = navForms.map((form) => form.key);
  const navigation = useMemo(() => withoutMissingForms(draft.navigation, allKeys), [draft.navigation, allKeys.join(',')]);
  const changes = (drafts.app || dirty ? 1 : 0) + drafts.forms.length;
  const name = labelText(draft.name, locale) || appKey;
  const setText = (key: 'name' | 'description', lang: string, value: string) => {
    const current = key === 'name' ? nameText : descriptionText;
    setDraft({ ...draft, [key]: cleanText({ ...current, [lang]: value }) ?? (key === 'name' ? {} : undefined) });
  };

  return (
    <div className="app-builder" data-testid="app-builder">
      <div className="app-builder__header">
        <AppIcon appKey={appKey} name={name} icon={draft.icon} size={40} />
        <div className="app-builder__title">
          <Typography.Title level={4} style={{ margin: 0 }}>{t('appBuilder.title')}</Typography.Title>
          <Space size={4} wrap>
            {drafts.published
              ? <Tag color="green" data-testid="app-builder-status">{t('appBuilder.statusPublished')}</Tag>
              : <Tag color="orange" data-testid="app-builder-status">{t('appBuilder.statusDraft')}</Tag>}
            {changes > 0 && <Tag color="blue" data-testid="app-builder-changes">{t('appBuilder.changes', { count: changes })}</Tag>}
          </Space>
        </div>
        <Space wrap className="app-builder__actions">
          {(drafts.app || dirty) && (
            <Popconfirm title={t('appBuilder.discardConfirm')} onConfirm={() => discard.mutate()} okText={t('appBuilder.discard')} cancelText={t('common.cancel')}>
              <Button loading={discard.isPending} data-testid="builder-discard">{t('appBuilder.discard')}</Button>
            </Popconfirm>
          )}
          {drafts.forms.length > 0 && (
            <Popconfirm
              title={t('appBuilder.discardAllConfirm', { count: changes, forms: drafts.forms.length })}
              onConfirm={() => discardAll.mutate()}
              okText={t('appBuilder.discardAll')}
              okButtonProps={{ danger: true, 'data-testid': 'builder-discard-all-ok' }}
              cancelText={t('common.cancel')}
            >
              <Button danger loading={discardAll.isPending} data-testid="builder-discard-all">{t('appBuilder.discardAll')}</Button>
            </Popconfirm>
          )}
          <Button icon={<SaveOutlined />} disabled={!dirty || blocked} loading={save.isPending} onClick={() => save.mutate(draft)} data-testid="builder-save">
            {t('appBuilder.save')}
          </Button>
          <Popconfirm
            title={drafts.published ? t('appBuilder.publishConfirm', { count: changes }) : t('appBuilder.firstPublishConfirm')}
            onConfirm={() => publish.mutate()}
            okText={t('appBuilder.publish')}
            cancelText={t('common.cancel')}
            disabled={blocked}
          >
            <Button type="primary" icon={<CloudUploadOutlined />} disabled={blocked || (drafts.published && changes === 0)} loading={publish.isPending} data-testid="builder-publish">
              {t('appBuilder.publish')}
            </Button>
          </Popconfirm>
        </Space>
      </div>
      {!drafts.published && <Alert type="info" showIcon message={t('appBuilder.draftAppHint')} className="app-builder__hint" />}

      <Card title={t('appBuilder.appSection')} size="small" className="app-builder__card">
        <div className="app-builder__app-grid">
          <label className="app-builder__field">
            <span>{t('appBuilder.icon')}</span>
            <IconPicker value={draft.icon} onChange={(icon) => setDraft({ ...draft, icon })} placeholder={<AppIcon appKey={appKey} name={name} size={24} />}
              label={t('appBuilder.icon')} testId="builder-icon" />
          </label>
          {LOCALES.map((lang) => (
            <label key={lang} className="app-builder__field">
              <span>{t('appBuilder.name', { lang: t(`language.${lang}`, { defaultValue: lang }) })}</span>
              <Input value={nameText[lang] ?? ''} onChange={(e) => setText('name', lang, e.target.value)} status={nameMissing ? 'error' : undefined}
                maxLength={100} data-testid={`builder-name-${lang}`} />
            </label>
          ))}
          {LOCALES.map((lang) => (
            <label key={lang} className={`app-builder__field${lang === LOCALES[0] ? ' app-builder__field--desc-first' : ''}`}>
              <span>{t('appBuilder.description', { lang: t(`language.${lang}`, { defaultValue: lang }) })}</span>
              <Input.TextArea value={descriptionText[lang] ?? ''} onChange={(e) => setText('description', lang, e.target.value)} autoSize={{ minRows: 1, maxRows: 3 }}
                maxLength={500} data-testid={`builder-description-${lang}`} />
            </label>
          ))}
        </div>
        {nameMissing && <Typography.Text type="danger">{t('appBuilder.nameRequired')}</Typography.Text>}
      </Card>

      <Card
        title={t('appBuilder.navigation')}
        size="small"
        className="app-builder__card"
        extra={<Link to={`/apps/${encodeURIComponent(appKey)}/forms/new/design`} data-testid="builder-new-form"><PlusOutlined /> {t('appBuilder.newForm')}</Link>}
      >
        <Typography.Paragraph type="secondary">{t('appBuilder.navigationHint')}</Typography.Paragraph>
        <NavigationEditor navigation={navigation} forms={navForms} onChange={(next: NavigationItem[]) => setDraft({ ...draft, navigation: next })} />
        {unnamed.length > 0 && <Typography.Text type="danger">{t('appBuilder.groupNameRequired')}</Typography.Text>}
      </Card>

      <Card title={t('appBuilder.formDrafts')} size="small" className="app-builder__card">
        <List
          dataSource={drafts.forms}
          locale={{ emptyText: t('appBuilder.noFormDrafts') }}
          renderItem={(form) => (
            <List.Item
              data-testid={`builder-form-draft-${form.key}`}
              actions={[
                <Link key="edit" to={`/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(form.key)}/design`}><EditOutlined /> {t('appBuilder.openDesigner')}</Link>,
                <Popconfirm key="discard" title={t('appBuilder.discardFormConfirm')} onConfirm={() => discardForm.mutate(form.key)} okText={t('appBuilder.discard')} cancelText={t('common.cancel')}>
                  <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('appBuilder.discard')} />
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={<Space size={4}>{labelText(form.name, locale) || form.key}{form.isNew ? <Tag color="orange">{t('appBuilder.newFormTag')}</Tag> : <Tag>v{form.baseVersion} → v{(form.baseVersion ?? 0) + 1}</Tag>}</Space>}
                description={form.stale ? <Typography.Text type="warning"><WarningOutlined /> {t('appBuilder.staleHint')}</Typography.Text> : t('appBuilder.savedAt', { at: new Date(form.updatedAt).toLocaleString(locale) })}
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
