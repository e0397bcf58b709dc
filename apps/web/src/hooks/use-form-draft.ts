import { useState } from 'react';
import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { appDraftsKey, discardFormDraft, formDraftKey, saveFormDraft } from '../api/app-builder-endpoints';
import { isApiError } from '../api/client';
import { errorMessage } from '../lib/api-errors';
import { toPayload } from '../lib/form-designer/payload';
import type { FormDraft } from '../lib/form-designer/types';

/**
 * The form designer's drafts: "Save draft" keeps the form unpublished on the server (no table change,
 * users see nothing), and a publish removes the draft. `fromDraft` is the document the designer opened
 * from a saved draft, if it did.
 */
export function useFormDraft(appKey: string, version: number | null, fromDraft: FormDraft | null) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  /** The document last kept as a draft (null: none waiting). */
  const [draftSaved, setDraftSaved] = useState<FormDraft | null>(fromDraft);
  const refresh = (formKey: string) => Promise.all([
    queryClient.invalidateQueries({ queryKey: appDraftsKey(appKey) }),
    queryClient.invalidateQueries({ queryKey: formDraftKey(appKey, formKey) }),
  ]);
  const saveDraft = useMutation({
    mutationFn: (sent: FormDraft) => saveFormDraft(appKey, sent.key, { ...toPayload(sent), ...(version !== null ? { version } : {}) }).then((answer) => ({ sent, answer })),
    onSuccess: async ({ sent, answer }) => {
      setDraftSaved(sent);
      if (answer.issues.length > 0) void message.warning(t('formDesigner.draftSavedWithIssues', { count: answer.issues.length }));
      else void message.success(t('formDesigner.draftSaved'));
      await refresh(sent.key);
    },
    onError: (error) => {
      const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
      void message.error(isApiError(error) ? errorMessage(error, translate) : String(error));
    },
  });
  /** After a publish: the draft it replaced is gone (nothing to do when there was none). */
  const published = async (formKey: string) => {
    if (draftSaved === null) return;
    setDraftSaved(null);
    await discardFormDraft(appKey, formKey).catch((error) => {
      if (!(isApiError(error) && error.code === 'NOT_FOUND')) throw error;
    });
    await refresh(formKey);
  };
  return { draftSaved, saveDraft, published };
}
