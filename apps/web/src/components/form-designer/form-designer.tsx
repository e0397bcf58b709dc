import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Segmented, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, DesktopOutlined, EyeOutlined, FormOutlined, MobileOutlined, RedoOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { DndProvider } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FieldType } from '@platform/schema';
import { translateIssue } from '@platform/form-engine';
import { isApiError } from '../../api/client';
import { createFormDefinition, formDefinitionKey, saveAppNavigation, saveFormDefinition } from '../../api/form-design-endpoints';
import type { AppDetail, FormMeta } from '../../api/types';
import { appQueryOptions, formsQueryOptions } from '../../hooks/use-app-meta';
import { useFormDraft } from '../../hooks/use-form-draft';
import { useLeaveGuard } from '../../hooks/use-leave-guard';
import { useLocale } from '../../hooks/use-locale';
import { useServerChecks } from '../../hooks/use-server-checks';
import { errorMessage } from '../../lib/api-errors';
import { canRedo, canUndo, createHistory, pushHistory, redo, undo, type History } from '../../lib/flow-designer/history';
import { destructiveChanges } from '../../lib/form-designer/destructive';
import { createField } from '../../lib/form-designer/new-field';
import { duplicateField, findField, insertField, placeField, placementAfter, removeField } from '../../lib/form-designer/operations';
import { patchPayload, toPayload } from '../../lib/form-designer/payload';
import type { FieldTypeInfo, FormDraft, Placement } from '../../lib/form-designer/types';
import {
  designerChecks, engineChecks, issueStillApplies, mapIssues, sameTarget, type DesignerIssue, type EngineIssue, type IssueTarget,
} from '../../lib/form-designer/validate';
import { labelText } from '../../lib/label-text';
import { Canvas } from './canvas';
import { FormDesignerContext, type FormDesignerApi } from './designer-context';
import { DestructiveConfirm } from './destructive-confirm';
import { LivePreview } from './live-preview';
import { Palette } from './palette';
import { PropertyPanel } from './property-panel';
import { RulesPanel } from './rules-panel';
import { useNewFieldContext } from './use-new-field-context';
import '../flow-designer/flow-designer.css';
import './form-designer.css';

export type FormDesignerProps = {
  appKey: string;
  app: AppDetail | undefined;
  /** The draft to start from: the stored form (without version) or a new, empty one. */
  initial: FormDraft;
  /** The stored version being edited; null for a new form. */
  version: number | null;
  fieldTypes: readonly FieldTypeInfo[];
  /** The app's forms (relation targets; keys a new form may not take). */
  forms: readonly FormMeta[];
  backTo: string;
  onSaved?: (form: FormMeta) => void;
  /** Set when `initial` is a saved, unpublished draft (see use-form-draft.ts). */
  fromDraft?: boolean;
};

type Mode = 'fields' | 'rules';

/** Keys pressed on these are the control's own (text undo, Delete in an input), not the designer's. */
function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || !!target.closest('input, textarea, select, .ant-select, .ant-picker, .ant-input-number, [role="combobox"], [role="listbox"], .ant-modal');
}

/** Delete on a button or link is not meant for the selected field. */
const isButtonTarget = (target: EventTarget | null) => target instanceof HTMLElement && !!target.closest('button, a[href]');

/** The Jiandaoyun-style form designer: palette, canvas and property panel; linkage rules; checks, undo, save. */
export function FormDesigner({ appKey, app, initial, version, fieldTypes, forms, backTo, onSaved, fromDraft = false }: FormDesignerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isNew = version === null;

  const [history, setHistory] = useState<History<FormDraft>>(() => createHistory(initial));
  const draft = history.present;
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const [saved, setSaved] = useState<{ draft: FormDraft; version: number | null }>({ draft: initial, version });
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('fields');
  const [phone, setPhone] = useState(false);
  const [preview, setPreview] = useState(false);
  const [showChecks, setShowChecks] = useState(false);
  const [server, setServer] = useState<{ sent: FormDraft; issues: DesignerIssue[] } | null>(null);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const drafts = useFormDraft(appKey, saved.version, fromDraft ? initial : null);
  // Kept as a draft counts as kept: leaving asks only about edits neither published nor drafted.
  const dirty = draft !== saved.draft && draft !== drafts.draftSaved;

  const typeByName = useMemo(() => new Map(fieldTypes.map((info) => [info.type, info])), [fieldTypes]);
  const typeInfo = useCallback((type: FieldType) => typeByName.get(type), [typeByName]);
  const typeLabel = useCallback((type: string) => typeByName.get(type as FieldType)?.label[locale] ?? type, [typeByName, locale]);
  const otherForms = useMemo(() => forms.filter((form) => form.key !== draft.key || isNew), [forms, draft.key, isNew]);
  const savedKeys = useMemo(() => new Set(isNew ? [] : saved.draft.fields.map((field) => field.key)), [isNew, saved.draft]);
  const newFieldContext = useNewFieldContext(typeInfo, otherForms);

  const change = useCallback((edit: (current: FormDraft) => FormDraft, tag?: string) => {
    setHistory((current) => pushHistory(current, edit(current.present), tag ?? null));
  }, []);

  // ---- checks ----
  const takenFormKeys = useMemo(() => forms.map((form) => form.key), [forms]);
  const engine = useMemo(() => engineChecks(draft), [draft]);
  // Where the browser cannot run the full checks (CSP), the server runs them on the settled draft.
  const payload = useMemo(() => toPayload(draft), [draft]);
  const serverIssues = useServerChecks(appKey, payload, !engine.complete);
  const checks = useMemo(() => {
    const engineIssues = serverIssues ? mapIssues(draft, serverIssues, 'engine') : engine.issues;
    return { issues: [...designerChecks(draft, { isNew, takenFormKeys }), ...engineIssues], complete: engine.complete || serverIssues !== null };
  }, [draft, engine, serverIssues, isNew, takenFormKeys]);
  const visibleIssues = useMemo(() => [
    // Engine issues show at once on the field being edited; the designer's own (an empty label) after a save attempt.
    ...checks.issues.filter((issue) => showChecks || issue.source === 'engine'),
    ...(server ? server.issues.filter((issue) => issueStillApplies(server.sent, draft, issue.target)) : []),
  ], [checks.issues, draft, server, showChecks]);
  const issuesOf = useCallback((target: IssueTarget) => visibleIssues.filter((issue) => sameTarget(issue.target, target)), [visibleIssues]);
  const issueText = useCallback((issue: DesignerIssue) => {
    if (issue.source === 'designer') return t(`formDesigner.check.${issue.code}`);
    return translateIssue({ code: issue.code, message: issue.message, params: issue.params }, locale);
  }, [locale, t]);

  // ---- edits ----
  const api = useMemo<FormDesignerApi>(() => ({
    draft,
    savedKeys,
    isNew,
    fieldTypes,
    typeInfo,
    otherForms,
    selected,
    select: setSelected,
    change,
    addField: (type: FieldType, placement?: Placement) => {
      // The latest draft, not this render's: drop targets keep the handler of the render they were made in,
      // and a key picked against an older field list would repeat one added since.
      const field = createField(type, draftRef.current, newFieldContext);
      change((current) => insertField(current, field, placement ?? placementAfter(current, selected)));
      setSelected(field.key);
    },
    moveField: (key: string, placement: Placement) => change((current) => placeField(current, key, placement)),
    removeField: (key: string) => {
      change((current) => removeField(current, key));
      setSelected((current) => (current === key ? null : current));
    },
    duplicateField: (key: string) => {
      const result = duplicateField(draftRef.current, key, t('formDesigner.field.copySuffix'));
      change(() => result.draft);
      if (result.key) setSelected(result.key);
    },
    issuesOf,
    issueText,
    phone,
  }), [change, draft, fieldTypes, isNew, issueText, issuesOf, newFieldContext, otherForms, phone, savedKeys, selected, t, typeInfo]);

  const doUndo = useCallback(() => setHistory(undo), []);
  const doRedo = useCallback(() => setHistory(redo), []);

  // Keyboard: Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes, Delete removes the selected field.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTextTarget(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) doRedo();
        else doUndo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        doRedo();
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && !isButtonTarget(event.target) && selected && findField(draft, selected) && mode === 'fields' && !preview) {
        event.preventDefault();
        api.removeField(selected);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [api, doRedo, doUndo, draft, mode, preview, selected]);

  // Unsaved edits: leaving the designer asks first (in the app, and when the tab closes).
  const guardRef = useLeaveGuard(dirty, { title: t('formDesigner.leaveTitle'), content: t('formDesigner.leaveText'), leave: t('formDesigner.leave') });

  // ---- save ----
  const sentRef = useRef<FormDraft>(draft);
  const save = useMutation({
    mutationFn: async (sent: FormDraft) => {
      if (isNew) return createFormDefinition(appKey, toPayload(sent));
      return saveFormDefinition(appKey, sent.key, patchPayload(sent, saved.version ?? 0));
    },
    onSuccess: async (form) => {
      // Saved: moving on (a new form goes to its own address) needs no confirmation.
      guardRef.current = sentRef.current !== history.present;
      setSaved({ draft: sentRef.current, version: form.version });
      setServer(null);
      setGeneralError(null);
      setShowChecks(false);
      setConfirming(false);
      message.success(t('formDesigner.saved', { version: form.version }));
      await drafts.published(form.key);
      if ('jobs' in form && Array.isArray(form.jobs) && form.jobs.length > 0) message.info(t('formDesigner.retypeRunning'));
      queryClient.setQueryData(formDefinitionKey(appKey, form.key), form);
      if (isNew && app?.navigation && app.navigation.length > 0) {
        // An app with a menu of its own gets the new form at its end (an app without one lists every form).
        await saveAppNavigation(appKey, [...app.navigation, { type: 'form', formKey: form.key }]).catch(() => message.warning(t('formDesigner.navigationFailed')));
        void queryClient.invalidateQueries({ queryKey: appQueryOptions(appKey).queryKey });
      }
      await queryClient.invalidateQueries({ queryKey: formsQueryOptions(appKey).queryKey });
      onSaved?.(form);
    },
    onError: (error) => {
      setConfirming(false);
      const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
      const issues = isApiError(error) && error.code === 'VALIDATION_FAILED' && Array.isArray(error.details?.issues) ? (error.details.issues as EngineIssue[]) : [];
      if (issues.length > 0) {
        setServer({ sent: sentRef.current, issues: mapIssues(sentRef.current, issues, 'server') });
        setGeneralError(null);
        message.error(t('formDesigner.saveRefused', { count: issues.length }));
        return;
      }
      let text = isApiError(error) ? errorMessage(error, translate) : String(error);
      if (isApiError(error) && error.code === 'FORM_VERSION_CONFLICT') text = t('formDesigner.versionConflict');
      if (isApiError(error) && error.code === 'KEY_TAKEN') text = t('formDesigner.check.formKeyTaken');
      setGeneralError(text);
      message.error(text);
    },
  });

  const changes = useMemo(() => destructiveChanges(isNew ? null : saved.draft, draft), [draft, isNew, saved.draft]);
  const onSave = () => {
    setShowChecks(true);
    if (checks.issues.length > 0) {
      message.error(t('formDesigner.fixFirst', { count: checks.issues.length }));
      return;
    }
    sentRef.current = draft;
    if (changes.length > 0) setConfirming(true);
    else save.mutate(draft);
  };

  const targetName = (target: IssueTarget): string => {
    if (target.kind === 'form') return t('formDesigner.settings.title');
    if (target.kind === 'rule') return t('formDesigner.rules.ruleTitle', { n: (draft.rules ?? []).findIndex((rule) => rule.key === target.key) + 1 });
    const field = findField(draft, target.key);
    return field ? labelText(field.label, locale) || field.key : target.key;
  };
  const showTarget = (target: IssueTarget) => {
    setPreview(false);
    if (target.kind === 'rule') setMode('rules');
    else {
      setMode('fields');
      setSelected(target.kind === 'field' ? target.key : null);
    }
  };

  const previewForm = useMemo<FormMeta>(() => ({ ...toPayload(draft), version: saved.version ?? 0 }), [draft, saved.version]);
  const ruleCount = draft.rules?.length ?? 0;
  return (
    <FormDesignerContext.Provider value={api}>
      <DndProvider backend={HTML5Backend}>
        <div className="form-designer" data-testid="form-designer" data-form-key={draft.key}>
          <div className="form-designer__bar">
            <Link to={backTo} className="form-designer__back" aria-label={t('formDesigner.back')} title={t('formDesigner.back')} data-testid="form-designer-back">
              <ArrowLeftOutlined />
            </Link>
            <FormOutlined aria-hidden />
            <Typography.Text strong ellipsis className="form-designer__title">{labelText(draft.name, locale) || t('formDesigner.untitled')}</Typography.Text>
            {saved.version !== null && <Tag data-testid="form-designer-version">v{saved.version}</Tag>}
            {dirty && <Tag color="orange" data-testid="form-designer-dirty">{t('formDesigner.unsaved')}</Tag>}
            {drafts.draftSaved !== null && <Tag color="blue" data-testid="form-designer-draft">{t('formDesigner.draftWaiting')}</Tag>}
            <Segmented<Mode>
              value={mode}
              onChange={setMode}
              data-testid="designer-mode"
              options={[
                { value: 'fields', label: <span data-testid="designer-mode-fields">{t('formDesigner.mode.fields')}</span> },
                { value: 'rules', label: <span data-testid="designer-mode-rules">{t('formDesigner.mode.rules')}{ruleCount > 0 ? ` (${ruleCount})` : ''}</span> },
              ]}
            />
            <div className="form-designer__spacer" />
            <Segmented<'desktop' | 'phone'>
              value={phone ? 'phone' : 'desktop'}
              onChange={(value) => setPhone(value === 'phone')}
              data-testid="designer-device"
              options={[
                { value: 'desktop', icon: <DesktopOutlined />, label: <span data-testid="designer-device-desktop">{t('formDesigner.device.desktop')}</span> },
                { value: 'phone', icon: <MobileOutlined />, label: <span data-testid="designer-device-phone">{t('formDesigner.device.phone')}</span> },
              ]}
            />
            <Button icon={<EyeOutlined />} type={preview ? 'primary' : 'default'} ghost={preview} aria-pressed={preview} onClick={() => setPreview((value) => !value)} data-testid="designer-preview">
              {t('formDesigner.preview.button')}
            </Button>
            <Tooltip title={t('formDesigner.undo')}>
              <Button icon={<UndoOutlined />} aria-label={t('formDesigner.undo')} disabled={!canUndo(history)} onClick={doUndo} data-testid="designer-undo" />
            </Tooltip>
            <Tooltip title={t('formDesigner.redo')}>
              <Button icon={<RedoOutlined />} aria-label={t('formDesigner.redo')} disabled={!canRedo(history)} onClick={doRedo} data-testid="designer-redo" />
            </Tooltip>
            <Button icon={<SaveOutlined />} loading={drafts.saveDraft.isPending} disabled={!draft.key} onClick={() => drafts.saveDraft.mutate(draft)} data-testid="designer-save-draft">
              {t('formDesigner.saveDraft')}
            </Button>
            <Button type="primary" icon={<CloudUploadOutlined />} loading={save.isPending} onClick={onSave} data-testid="designer-save">
              {t('formDesigner.save')}
            </Button>
          </div>
          {(visibleIssues.length > 0 || generalError) && (
            <Alert
              type="error"
              showIcon
              closable
              className="form-designer__issues"
              data-testid="designer-issues"
              title={generalError ?? t('formDesigner.issuesTitle', { count: visibleIssues.length })}
              description={visibleIssues.length > 0 && (
                <ul className="form-designer__issue-list">
                  {visibleIssues.map((issue, index) => (
                    <li key={index} data-testid="designer-issue" data-source={issue.source}>
                      <Button type="link" size="small" className="form-designer__issue-target" onClick={() => showTarget(issue.target)}>{targetName(issue.target)}</Button>
                      <span>{issueText(issue)}</span>
                    </li>
                  ))}
                </ul>
              )}
            />
          )}
          <div className={`form-designer__body is-${mode}${preview ? ' is-preview' : ''}`}>
            {preview ? (
              <LivePreview form={previewForm} phone={phone} />
            ) : mode === 'rules' ? (
              <RulesPanel />
            ) : (
              <>
                <Palette />
                <Canvas />
                <PropertyPanel />
              </>
            )}
          </div>
          <DestructiveConfirm
            open={confirming}
            appKey={appKey}
            formKey={draft.key}
            changes={changes}
            typeLabel={typeLabel}
            saving={save.isPending}
            onOk={() => save.mutate(sentRef.current)}
            onCancel={() => setConfirming(false)}
          />
        </div>
      </DndProvider>
    </FormDesignerContext.Provider>
  );
}
