import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Navigate, useParams } from 'react-router-dom';
import { RequireAuth } from './auth/require-auth';
import { NotFoundPage, PageLoading } from './components/page-state';

const LoginPage = lazy(() => import('./pages/login-page'));
const AppListPage = lazy(() => import('./pages/app-list-page'));
const AppShell = lazy(() => import('./pages/app-shell'));
const AppHome = lazy(() => import('./pages/app-home'));
const RecordsPage = lazy(() => import('./pages/records-page'));
const RecordDrawer = lazy(() => import('./pages/record-drawer'));
// The administration area: its own chunks, loaded only when an administrator opens it.
const AdminLayout = lazy(() => import('./pages/admin/admin-layout'));
const AdminUsersPage = lazy(() => import('./pages/admin/users-page'));
const AdminDepartmentsPage = lazy(() => import('./pages/admin/departments-page'));
const AdminRolesPage = lazy(() => import('./pages/admin/roles-page'));
const AdminRoleGrantsPage = lazy(() => import('./pages/admin/role-grants-page'));
const AdminAuditPage = lazy(() => import('./pages/admin/audit-page'));
const AdminHandoverPage = lazy(() => import('./pages/admin/handover-page'));
// Approvals: the inbox and the approval detail over it, each its own chunk.
const InboxPage = lazy(() => import('./pages/inbox/inbox-page'));
const ApprovalDetail = lazy(() => import('./pages/inbox/approval-detail'));
// The flow designer (administrators): its list and the designer, each its own chunk.
const FlowsPage = lazy(() => import('./pages/flows/flows-page'));
const FlowDesignerPage = lazy(() => import('./pages/flows/flow-designer-page'));
// The signed-in user's API tokens.
const TokensPage = lazy(() => import('./pages/tokens-page'));
// The form designer (administrators and form managers): its own chunk with react-dnd and the engine's checks.
const FormDesignerPage = lazy(() => import('./pages/form-designer-page'));
// The app builder (administrators): name, icon, menu, publishing.
const AppBuilderPage = lazy(() => import('./pages/app-builder-page'));

function page(Component: LazyExoticComponent<ComponentType>, fullScreen = false) {
  return (
    <Suspense fallback={<PageLoading fullScreen={fullScreen} />}>
      <Component />
    </Suspense>
  );
}

/** A fresh list state (filters, sort, scroll) for each form. */
function RecordsRoute() {
  const { appKey, formKey } = useParams();
  return (
    <Suspense fallback={<PageLoading />}>
      <RecordsPage key={`${appKey}/${formKey}`} />
    </Suspense>
  );
}

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: page(LoginPage, true) },
    {
      element: <RequireAuth />,
      children: [
        { path: '/', element: page(AppListPage, true) },
        { path: '/tokens', element: page(TokensPage, true) },
        {
          path: '/apps/:appKey',
          element: page(AppShell, true),
          children: [
            { index: true, element: page(AppHome) },
            {
              path: 'forms/:formKey',
              element: <RecordsRoute />,
              children: [
                { path: 'records/new', element: page(RecordDrawer) },
                { path: 'records/:id', element: page(RecordDrawer) },
              ],
            },
            { path: 'forms/new/design', element: page(FormDesignerPage) },
            { path: 'forms/:formKey/design', element: page(FormDesignerPage) },
            { path: 'flows', element: page(FlowsPage) },
            { path: 'builder', element: page(AppBuilderPage) },
            { path: 'flows/:flowKey', element: page(FlowDesignerPage) },
          ],
        },
        {
          path: '/inbox',
          element: page(InboxPage, true),
          children: [
            { path: 'tasks/:taskId', element: page(ApprovalDetail) },
            { path: 'instances/:instanceId', element: page(ApprovalDetail) },
          ],
        },
        {
          path: '/admin',
          element: page(AdminLayout, true),
          children: [
            { index: true, element: <Navigate to="users" replace /> },
            { path: 'users', element: page(AdminUsersPage) },
            { path: 'departments', element: page(AdminDepartmentsPage) },
            { path: 'roles', element: page(AdminRolesPage) },
            { path: 'roles/:roleId', element: page(AdminRoleGrantsPage) },
            { path: 'audit', element: page(AdminAuditPage) },
            { path: 'handover', element: page(AdminHandoverPage) },
          ],
        },
      ],
    },
    { path: '*', element: <NotFoundPage /> },
  ]);
}
