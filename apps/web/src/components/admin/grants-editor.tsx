import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Empty, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchApps } from '../../api/endpoints';
import { replaceRoleGrants } from '../../api/admin-endpoints';
import { isApiError } from '../../api/client';
import type { RoleDetail } from '../../api/admin-types';
import type { FormMeta } from '../../api/types';
import { formsQueryOptions } from '../../hooks/use-app-meta';
import { useLocale } from '../../hooks/use-locale';
import { errorMessage, issueMessage } from '../../lib/api-errors';
import { labelText } from '../../lib/label-text';
import { valueFields } from '../../lib/field-kinds';
import {
  buildGrants, grantToState, hasGrantFor, issuesByGrant, newGrantState, type GrantIssue, type GrantState,
} from '../../lib/grants';
import { GrantFormEditor } from './grant-form-editor';

const initialStates = (role: RoleDetail): GrantState[] => (role.grants ?? []).map((grant, index) => grantToState(grant, `g${index}`));

/** The grants of one role: one card per form, saved together with PUT /api/roles/{id}/grants. */
export function GrantsEditor({ role }: { role: RoleDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [states, setStates] = useState<GrantState[]>(() => initialStates(role));
  const [baseline, setBaseline] = useState(() => JSON.stringify(initialStates(role)));
  const [pickApp, setPickApp] = useState<string | undefined>();
  const [pickForm, setPickForm] = useState<string | undefined>();
  const [issues, setIssues] = useState<{ byId: Map<string, GrantIssue[]>; general: string[] }>({ byId: new Map(), general: [] });
  const nextId = useRef(0);
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });

  const apps = useQuery({ queryKey: ['apps'], queryFn: fetchApps });
  const appKeys = useMemo(() => [...new Set([...states.map((state) => state.appKey), ...(pickApp ? [pickApp] : [])])], [states, pickApp]);
  const formQueries = useQueries({ queries: appKeys.map((appKey) => formsQueryOptions(appKey)) });
  const formsByApp = new Map<string, { forms: FormMeta[] | undefined; failed: boolean }>();
  appKeys.forEach((appKey, index) => {
    const query = formQueries[index];
    formsByApp.set(appKey, { forms: query?.data?.items, failed: !!query?.error });
  });
  const formOf = (appKey: string, formKey: string) => formsByApp.get(appKey)?.forms?.find((form) => form.key === formKey);
  const appName = (appKey: string) => {
    const app = apps.data?.items.find((candidate) => candidate.key === appKey);
    return app ? labelText(app.name, locale) : appKey;
  };

  const dirty = JSON.stringify(states) !== baseline;
  const update = (next: GrantState) => setStates((current) => current.map((state) => (state.id === next.id ? next : state)));
  const remove = (id: string) => setStates((current) => current.filter((state) => state.id !== id));
  const add = () => {
    if (!pickApp || !pickForm || hasGrantFor(states, pickApp, pickForm)) return;
    setStates((current) => [...current, newGrantState(pickApp, pickForm, `n${nextId.current++}`)]);
    setPickForm(undefined);
  };

  const save = useMutation({
    mutationFn: () => {
      const fieldKeysOf = (appKey: string, formKey: string) => {
        const form = formOf(appKey, formKey);
        return form ? valueFields(form.fields).map((field) => field.key) : undefined;
      };
      const { grants, invalid } = buildGrants(states, fieldKeysOf);
      if (invalid.length > 0) {
        setIssues({
          byId: new Map(invalid.map((id) => [id, [{ path: [0, 'scope', 'condition'], code: 'invalid_format', message: t('admin.grants.conditionInvalid') }]])),
          general: [],
        });
        throw new Error('invalid');
      }
      setIssues({ byId: new Map(), general: [] });
      return replaceRoleGrants(role.id, grants);
    },
    onSuccess: (saved) => {
      // Keep the editor's cards (and their order) and take what was saved as the new baseline.
      setBaseline(JSON.stringify(states));
      queryClient.setQueryData(['role', role.id], saved);
      message.success(t('admin.grants.saved'));
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const list = Array.isArray(error.details?.issues) ? error.details.issues : [];
      if (error.code === 'VALIDATION_FAILED' && list.length > 0) {
        const { byId, general } = issuesByGrant(list, states);
        const withMessages = new Map([...byId].map(([id, entries]) => [id, entries.map((issue) => ({ ...issue, message: issueMessage(issue, translate) }))]));
        setIssues({ byId: withMessages, general: general.map((issue) => issueMessage(issue, translate)) });
        return;
      }
      setIssues({ byId: new Map(), general: [errorMessage(error, translate)] });
    },
  });

  const pickedForms = pickApp ? formsByApp.get(pickApp)?.forms ?? [] : [];
  const issueCount = issues.general.length + [...issues.byId.values()].reduce((sum, list) => sum + list.length, 0);

  return (
    <div className="grants-editor" data-testid="grants-editor">
      <div className="grants-editor__add">
        <Select
          className="grants-editor__app"
          placeholder={t('admin.grants.pickApp')}
          aria-label={t('admin.grants.pickApp')}
          value={pickApp}
          loading={apps.isLoading}
          onChange={(value: string) => {
            setPickApp(value);
            setPickForm(undefined);
          }}
          options={(apps.data?.items ?? []).map((app) => ({ value: app.key, label: labelText(app.name, locale) }))}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="grant-pick-app"
        />
        <Select
          className="grants-editor__form"
          placeholder={t('admin.grants.pickForm')}
          aria-label={t('admin.grants.pickForm')}
          value={pickForm}
          disabled={!pickApp}
          loading={!!pickApp && !formsByApp.get(pickApp)?.forms && !formsByApp.get(pickApp)?.failed}
          onChange={(value: string) => setPickForm(value)}
          options={pickedForms.map((form) => ({
            value: form.key,
            label: labelText(form.name, locale),
            disabled: hasGrantFor(states, pickApp ?? '', form.key),
          }))}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="grant-pick-form"
        />
        <Button icon={<PlusOutlined />} onClick={add} disabled={!pickApp || !pickForm} data-testid="grant-add">
          {t('admin.grants.add')}
        </Button>
      </div>

      {issueCount > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('admin.grants.saveFailed', { n: issueCount })}
          description={issues.general.length > 0 ? <ul className="admin-issues">{issues.general.map((text, index) => <li key={index}>{text}</li>)}</ul> : undefined}
          data-testid="grants-errors"
        />
      )}

      {states.length === 0 ? (
        <Empty description={t('admin.grants.none')} />
      ) : (
        states.map((state) => {
          const entry = formsByApp.get(state.appKey);
          const form = formOf(state.appKey, state.formKey);
          return (
            <GrantFormEditor
              key={state.id}
              state={state}
              form={form}
              formMissing={!form && (!!entry?.forms || !!entry?.failed)}
              appName={appName(state.appKey)}
              issues={issues.byId.get(state.id)}
              disabled={save.isPending}
              onChange={update}
              onRemove={() => remove(state.id)}
            />
          );
        })
      )}

      <div className="grants-editor__footer">
        <Space wrap>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty} data-testid="grants-save">
            {t('admin.grants.save')}
          </Button>
          <Button
            disabled={!dirty || save.isPending}
            onClick={() => {
              setStates(JSON.parse(baseline) as GrantState[]);
              setIssues({ byId: new Map(), general: [] });
            }}
          >
            {t('admin.grants.discard')}
          </Button>
          {dirty && <span className="grants-editor__dirty">{t('admin.grants.unsaved')}</span>}
        </Space>
      </div>
    </div>
  );
}
