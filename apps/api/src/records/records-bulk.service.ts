import { Injectable } from '@nestjs/common';
import type { GrantAction } from '@platform/schema';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, validationFailed } from '../common/api-error';
import { canEdit, canSee } from '../permissions/form-access';
import { RecordsService } from './records.service';

/** Ids one bulk call may name, at most. */
export const MAX_BULK_IDS = 500;

export type BulkFailure = { id: string; status: number; code: string; message: string; details?: Record<string, unknown> };
export type BulkResult = { succeeded: string[]; failed: BulkFailure[] };

/**
 * Bulk edit and bulk delete: each record goes through the same path as a single PATCH or DELETE (scope,
 * field rules, linkage rules, stage gates, flow locks, audit, live events), one transaction per record,
 * so one refusal leaves the others done and is reported by id. What is wrong for every record alike
 * (no update/delete grant, an unknown or read-only field) refuses the whole call up front.
 */
@Injectable()
export class RecordsBulkService {
  constructor(private readonly records: RecordsService) {}

  async update(user: RequestUser, appKey: string, formKey: string, body: Record<string, unknown>, ip: string | null): Promise<BulkResult> {
    checkPropertiesOrThrow(body, ['ids', 'data']);
    const ids = idsOrThrow(body.ids);
    const data = dataOrThrow(body.data);
    const ctx = await this.records.context(user, appKey, formKey);
    requireAction(ctx.access, 'update');
    for (const key of Object.keys(data)) {
      if (!ctx.runtime.byKey.has(key) || ctx.runtime.layoutKeys.has(key) || !canSee(ctx.access, key)) {
        throw new ApiError(400, 'UNKNOWN_FIELD', `Unknown field: ${key.slice(0, 100)}`, { field: key });
      }
      if (!canEdit(ctx.access, key)) throw new ApiError(403, 'FIELD_NOT_EDITABLE', `You may not edit ${key}`, { field: key });
    }
    return runEach(ids, (id) => this.records.update(user, appKey, formKey, id, { data }, ip));
  }

  async remove(user: RequestUser, appKey: string, formKey: string, body: Record<string, unknown>, ip: string | null): Promise<BulkResult> {
    checkPropertiesOrThrow(body, ['ids']);
    const ids = idsOrThrow(body.ids);
    const ctx = await this.records.context(user, appKey, formKey);
    requireAction(ctx.access, 'delete');
    return runEach(ids, (id) => this.records.remove(user, appKey, formKey, id, ip));
  }
}

function requireAction(access: { all: boolean; actions: Set<GrantAction> }, action: GrantAction) {
  if (!access.all && !access.actions.has(action)) throw forbidden(`You may not ${action} records of this form`);
}

/** One record after the other; refusals the caller can act on are collected, anything else is a fault. */
async function runEach(ids: string[], work: (id: string) => Promise<unknown>): Promise<BulkResult> {
  const result: BulkResult = { succeeded: [], failed: [] };
  for (const id of ids) {
    try {
      await work(id);
      result.succeeded.push(id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result.failed.push({ id, status: error.status, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
    }
  }
  return result;
}

function checkPropertiesOrThrow(body: Record<string, unknown>, allowed: string[]) {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw validationFailed([{ path: [key], code: 'unknown_property', message: `${key} is not a property of this call` }]);
  }
}

/** 1 to MAX_BULK_IDS record ids (strings), each once, in the order given. */
function idsOrThrow(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw validationFailed([{ path: ['ids'], code: 'required', message: 'ids must be a non-empty array of record ids' }]);
  if (value.length > MAX_BULK_IDS) throw validationFailed([{ path: ['ids'], code: 'too_big', message: `at most ${MAX_BULK_IDS} ids per call` }]);
  const bad = value.findIndex((id) => typeof id !== 'string' || id.length === 0 || id.length > 100);
  if (bad >= 0) throw validationFailed([{ path: ['ids', bad], code: 'invalid_type', message: 'a record id is a string' }]);
  return [...new Set(value as string[])];
}

function dataOrThrow(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
    throw validationFailed([{ path: ['data'], code: 'required', message: 'data must be an object with at least one field value' }]);
  }
  return value as Record<string, unknown>;
}
