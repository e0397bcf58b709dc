export { buildCrmPackage, CRM_PACKAGE_VERSION, type BuildCrmPackageOptions } from './build-crm-package';
export { CRM_DEMO_PASSWORD } from './crm-demo-password';
export { generateOpportunityRows } from './generate-opportunity-rows';
export { createRandom, type Random } from './create-random';
export { CRM_CHOICES, STAGE_PROBABILITY, type Choice } from './crm-choices';
export { DEFAULT_BASE_DATE } from './default-base-date';
