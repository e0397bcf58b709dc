/** The password the importer gives every demo user (listed in the README). Demo data only. */
export const CRM_DEMO_PASSWORD = 'Demo@2026';
