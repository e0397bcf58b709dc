import type { AppPackage } from '@platform/schema';
import { buildCrmForms } from './crm-forms';
import { buildCrmNavigation } from './crm-navigation';
import { buildCrmFlows } from './crm-flows';
import { buildCrmRoles } from './crm-roles';
import { buildCrmViews } from './crm-views';
import { createRandom } from './create-random';
import { DEFAULT_BASE_DATE } from './default-base-date';
import { createDemoClockOrThrow } from './demo-clock';
import { buildDemoOrganisation } from './demo/demo-organisation';
import { generateCrmDemoRecords } from './demo/generate-crm-demo-records';
import { localized } from './localized';

export type BuildCrmPackageOptions = {
  /** Include the demo organisation and records (default true). */
  withDemo?: boolean;
  /** The demo's "today", "YYYY-MM-DD" (default 2026-11-01): every demo date is relative to it. */
  baseDate?: string;
  /** Seed of the demo data (default 20261101). */
  seed?: number;
};

export const CRM_PACKAGE_VERSION = '1.0.0';
const DEFAULT_SEED = 20261101;

/**
 * The lead-to-cash CRM as an app package document (POST /api/app-packages). Pure and deterministic:
 * the same options give a deep-equal document, and each call returns fresh objects.
 * Throws a RangeError when baseDate is not a calendar date written "YYYY-MM-DD".
 */
export function buildCrmPackage(options: BuildCrmPackageOptions = {}): AppPackage {
  const { withDemo = true, baseDate = DEFAULT_BASE_DATE, seed = DEFAULT_SEED } = options;
  const clock = createDemoClockOrThrow(baseDate);
  const pkg: AppPackage = {
    schemaVersion: 1,
    kind: 'app-package',
    packageVersion: CRM_PACKAGE_VERSION,
    app: {
      key: 'crm',
      name: localized('销售管理 CRM', 'Sales CRM'),
      description: localized(
        '从线索到回款：线索、客户、商机、报价、合同与回款',
        'Lead to cash: leads, customers, opportunities, quotes, contracts and payments',
      ),
      navigation: buildCrmNavigation(),
    },
    forms: buildCrmForms(),
    views: buildCrmViews(),
    roles: buildCrmRoles(),
    flows: buildCrmFlows(),
  };
  if (withDemo) {
    const organisation = buildDemoOrganisation();
    pkg.demo = {
      departments: organisation.departments,
      users: organisation.users,
      records: generateCrmDemoRecords(createRandom(seed), clock),
    };
  }
  return pkg;
}
