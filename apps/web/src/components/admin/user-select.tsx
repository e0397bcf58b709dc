import { useMemo, useRef, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listAdminUsers } from '../../api/admin-endpoints';
import type { UserSummary } from '../../api/types';
import { useUsers } from '../../hooks/use-lookups';
import { useSettledValue } from '../../hooks/use-settled-value';

type Common = {
  placeholder?: string;
  /** Users that may not be picked (e.g. the leaver as their own successor). */
  exclude?: readonly string[];
  /** Deactivated users are listed but cannot be picked. */
  disableInactive?: boolean;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  className?: string;
  'aria-label'?: string;
};

type SingleProps = Common & { mode?: undefined; value?: string | null; onChange?: (value: string | undefined) => void };
type MultipleProps = Common & { mode: 'multiple'; value?: string[]; onChange?: (value: string[]) => void };

export function userLabel(user: Pick<UserSummary, 'name' | 'username'>): string {
  return user.name && user.name !== user.username ? `${user.name} (${user.username})` : user.username;
}

/**
 * Picks users: the cached user list answers at once, and what is typed is also searched on the server
 * (GET /api/users?q=), so organisations larger than the cached page are covered.
 */
export function UserSelect(props: SingleProps | MultipleProps) {
  const { t } = useTranslation();
  const { users } = useUsers();
  const [search, setSearch] = useState('');
  const [q] = useSettledValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['user-search', q],
    queryFn: ({ signal }) => listAdminUsers({ q, limit: 20 }, signal),
    enabled: q !== '',
    staleTime: 30 * 1000,
  });
  // Users seen once keep their label when they leave the search results.
  const known = useRef(new Map<string, UserSummary>());
  const options = useMemo(() => {
    for (const user of [...users, ...(found.data?.items ?? [])]) known.current.set(user.id, user);
    const excluded = new Set(props.exclude ?? []);
    return [...known.current.values()]
      .filter((user) => !excluded.has(user.id))
      .map((user) => ({
        value: user.id,
        label: user.active === false ? `${userLabel(user)} · ${t('admin.users.inactive')}` : userLabel(user),
        disabled: props.disableInactive && user.active === false,
      }));
  }, [users, found.data, props.exclude, props.disableInactive, t]);

  const common = {
    className: props.className,
    id: props.id,
    'aria-label': props['aria-label'],
    placeholder: props.placeholder ?? t('admin.users.pickUser'),
    allowClear: props.allowClear ?? true,
    disabled: props.disabled,
    options,
    loading: found.isFetching,
    showSearch: { optionFilterProp: 'label', onSearch: setSearch },
    onBlur: () => setSearch(''),
  };
  if (props.mode === 'multiple') {
    return <Select<string[]> {...common} mode="multiple" value={props.value} onChange={(value) => props.onChange?.(value ?? [])} />;
  }
  return <Select<string> {...common} value={props.value ?? undefined} onChange={(value) => props.onChange?.(value ?? undefined)} />;
}
