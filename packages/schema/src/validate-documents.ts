import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import {
  appDefinitionSchema,
  appPackageSchema,
  fieldDefinitionSchema,
  formDefinitionSchema,
  grantSchema,
  navigationItemSchema,
  viewDefinitionSchema,
} from './json-schemas';
import type { SchemaIssue } from './types';

type DocumentKind = 'form' | 'app' | 'appPackage' | 'field' | 'grant' | 'view';

let compiled: Record<DocumentKind, ValidateFunction> | undefined;

function validators() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema([fieldDefinitionSchema, formDefinitionSchema, navigationItemSchema, appDefinitionSchema, viewDefinitionSchema]);
    ajv.addSchema(appPackageSchema);
    compiled = {
      form: ajv.getSchema('form')!,
      app: ajv.getSchema('app')!,
      appPackage: ajv.getSchema('appPackage')!,
      field: ajv.getSchema('field')!,
      grant: ajv.compile(grantSchema),
      view: ajv.getSchema('view')!,
    };
  }
  return compiled;
}

function toIssues(errors: ErrorObject[] | null | undefined): SchemaIssue[] {
  return (errors ?? []).map((e) => {
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
    if (e.keyword === 'required') path.push(String((e.params as { missingProperty: string }).missingProperty));
    if (e.keyword === 'additionalProperties') path.push(String((e.params as { additionalProperty: string }).additionalProperty));
    const code = e.keyword === 'pattern' ? 'invalid_key' : e.keyword === 'required' ? 'required' : `invalid_${e.keyword}`;
    const message = e.keyword === 'pattern' ? 'must be a key: [a-z][a-z0-9_]{0,62}' : (e.message ?? 'is invalid');
    return { path, code, message };
  });
}

function run(kind: DocumentKind, doc: unknown): SchemaIssue[] {
  const v = validators()[kind];
  return v(doc) ? [] : toIssues(v.errors);
}

/** Structural checks of a form document (field options are checked by the form engine). */
export const validateFormDocument = (doc: unknown) => run('form', doc);
export const validateAppDocument = (doc: unknown) => run('app', doc);
export const validateAppPackageDocument = (doc: unknown) => run('appPackage', doc);
export const validateFieldDocument = (doc: unknown) => run('field', doc);
export const validateGrantDocument = (doc: unknown) => run('grant', doc);
/** Structural checks of a saved view (whether its fields exist is the caller's to check). */
export const validateViewDocument = (doc: unknown) => run('view', doc);
