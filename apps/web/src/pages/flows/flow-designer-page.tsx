import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { fetchFlowDefinition, flowDefinitionKey } from '../../api/flow-design-endpoints';
import { useCurrentUser } from '../../auth/use-current-user';
import { FlowDesigner } from '../../components/flow-designer/flow-designer';
import { PageError, PageLoading } from '../../components/page-state';
import { useAppMeta } from '../../hooks/use-app-meta';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useFlows } from '../../hooks/use-flows';
import { useLocale } from '../../hooks/use-locale';
import { draftFromDefinition, newDraft, suggestFlowKey } from '../../lib/flow-designer/draft';
import { labelText } from '../../lib/label-text';
import { FlowsForbidden } from './flows-access';

/** The reserved segment for a new flow: /apps/:appKey/flows/new. */
const NEW = 'new';

function DesignerRoute({ appKey, flowKey }: { appKey: string; flowKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const isNew = flowKey === NEW;
  const meta = useAppMeta(appKey);
  const flows = useFlows(appKey, isNew);
  const definition = useQuery({
    queryKey: flowDefinitionKey(appKey, flowKey),
    queryFn: () => fetchFlowDefinition(appKey, flowKey),
    enabled: !isNew,
    staleTime: 0,
    retry: false,
  });
  const takenKeys = useMemo(() => flows.flows.map((flow) => flow.key), [flows.flows]);
  // The first draft is made once per mount (once its data is there), so later refetches and the key list
  // never reset what is being edited.
  const initial = useMemo(() => {
    if (isNew) {
      if (flows.isLoading) return undefined;
      const formKey = params.get('formKey') ?? '';
      return newDraft(suggestFlowKey(takenKeys, formKey), formKey);
    }
    return definition.data ? draftFromDefinition(definition.data) : undefined;
  }, [isNew, flows.isLoading, definition.data === undefined]);
  useDocumentTitle(isNew ? t('flowDesigner.newFlow') : labelText(definition.data?.name, locale) || flowKey);

  const base = `/apps/${encodeURIComponent(appKey)}/flows`;
  if (meta.isLoading || (isNew ? flows.isLoading : definition.isLoading)) return <PageLoading />;
  if (!isNew && definition.error) return <PageError error={definition.error} onRetry={() => void definition.refetch()} />;
  if (meta.error) return <PageError error={meta.error} onRetry={meta.refetch} />;
  if (!initial) return <PageLoading />;
  return (
    <FlowDesigner
      appKey={appKey}
      initial={initial}
      version={isNew ? null : (definition.data?.version ?? null)}
      forms={meta.forms}
      takenFlowKeys={takenKeys}
      backTo={base}
      onPublished={(published) => {
        if (isNew) navigate(`${base}/${encodeURIComponent(published.key)}`, { replace: true });
      }}
    />
  );
}

/** /apps/:appKey/flows/:flowKey (or /new): the designer, fresh for every flow. */
export default function FlowDesignerPage() {
  const { appKey = '', flowKey = NEW } = useParams();
  const { user } = useCurrentUser();
  if (!user?.isAdmin) return <FlowsForbidden />;
  return <DesignerRoute key={`${appKey}/${flowKey}`} appKey={appKey} flowKey={flowKey} />;
}
