import type { FieldDefinition, LocalizedText } from '@platform/schema';
import type { FlowStatus } from '../api/flow-types';
import type { RecordColumn } from './record-columns';

export const FLOW_STATUSES: readonly FlowStatus[] = ['running', 'approved', 'rejected', 'withdrawn', 'returned'];

export function isFlowStatus(value: unknown): value is FlowStatus {
  return typeof value === 'string' && (FLOW_STATUSES as readonly string[]).includes(value);
}

/** antd Tag colours per status: running is in progress, the ends are success / error / neutral. */
export const FLOW_STATUS_COLORS: Record<FlowStatus, string> = {
  running: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  returned: 'warning',
};

/** The locale key of a status's name (flow.status.*). */
export function flowStatusKey(status: FlowStatus): string {
  return `flow.status.${status}`;
}

/**
 * The record's `flowStatus` described as a select field, so the records grid formats it as a coloured
 * tag like any choice and sorts it on the server (flowStatus is a system column).
 */
export function flowStatusField(label: LocalizedText, statusLabel: (status: FlowStatus) => string): FieldDefinition {
  return {
    key: 'flowStatus',
    type: 'select',
    label,
    options: { options: FLOW_STATUSES.map((status) => ({ key: status, label: statusLabel(status), color: FLOW_STATUS_COLORS[status] })) },
  };
}

/** The records grid's flow status column. */
export function flowStatusColumn(label: LocalizedText, statusLabel: (status: FlowStatus) => string): RecordColumn {
  return { key: 'flowStatus', field: flowStatusField(label, statusLabel), width: 110, sortable: true, system: true };
}

/** The columns with `column` placed right after the one keyed `afterKey` (first when there is none). */
export function withColumnAfter(columns: readonly RecordColumn[], afterKey: string | undefined, column: RecordColumn): RecordColumn[] {
  const rest = columns.filter((candidate) => candidate.key !== column.key);
  const index = rest.findIndex((candidate) => candidate.key === afterKey);
  return [...rest.slice(0, index + 1), column, ...rest.slice(index + 1)];
}
