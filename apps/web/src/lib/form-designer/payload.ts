import { freshKey } from './keys';
import type { FormDraft, LocalizedText } from './types';

/** A new, empty form of an app. */
export function newFormDraft(key: string, name: LocalizedText): FormDraft {
  return { key, name, fields: [] };
}

/** A key for a new form that the app's forms do not use yet: form_1, form_2, ... */
export function suggestFormKey(existingKeys: Iterable<string>): string {
  return freshKey(new Set(existingKeys), 'form');
}

/** The designer's copy of a stored form: the document without what the API adds (version, access, jobs). */
export function draftFromForm(form: FormDraft & { version?: number; access?: unknown; jobs?: unknown }): FormDraft {
  const { version: _version, access: _access, jobs: _jobs, ...definition } = form;
  return structuredClone(definition);
}

/** The document to check and send: no empty rule list or settings, no empty options objects. */
export function toPayload(draft: FormDraft): FormDraft {
  const payload: FormDraft = {
    ...draft,
    fields: draft.fields.map((field) => {
      if (!field.options || Object.keys(field.options).length > 0) return field;
      const { options: _empty, ...rest } = field;
      return rest;
    }),
  };
  if (payload.rules && payload.rules.length === 0) delete payload.rules;
  if (payload.settings && Object.keys(payload.settings).length === 0) delete payload.settings;
  return payload;
}

/**
 * What PATCH receives: the server lays the body over the stored document, so rules and settings are
 * always sent (an empty list removes the last rule) along with the version the designer started from.
 */
export function patchPayload(draft: FormDraft, version: number): FormDraft & { version: number } {
  const payload = toPayload(draft);
  return { ...payload, rules: payload.rules ?? [], settings: payload.settings ?? {}, version };
}
