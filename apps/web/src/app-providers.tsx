import { useMemo, type ReactNode } from 'react';
import { ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useLocale } from './hooks/use-locale';
import { useIsMobile } from './hooks/use-is-mobile';

const ANTD_LOCALES = { 'zh-CN': zhCN, 'en-US': enUS } as const;

/** Bigger controls on phones so every tap target is at least 44px high. */
function themeFor(isMobile: boolean): ThemeConfig {
  if (!isMobile) return { token: { colorPrimary: '#1677ff' } };
  return {
    token: { colorPrimary: '#1677ff', controlHeight: 44, fontSize: 15 },
    // Tabs: a narrower gutter, so that a record's five tabs, each at least 44 px wide (styles.css), fit 375 px.
    components: { Menu: { itemHeight: 48 }, Button: { controlHeight: 44 }, Switch: { trackHeight: 28, trackMinWidth: 52, handleSize: 24 }, Tabs: { horizontalItemGutter: 16 } },
  };
}

export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  const locale = useLocale();
  const isMobile = useIsMobile();
  const theme = useMemo(() => themeFor(isMobile), [isMobile]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={ANTD_LOCALES[locale]} theme={theme}>
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
