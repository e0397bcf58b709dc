import { Badge, Button } from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useInboxCounts, useLiveEvents } from '../hooks/use-flows';
import './inbox-entry.css';

/**
 * The header's way to the approvals inbox, with the number of to-dos. It also keeps the tab's live-event
 * stream open: every signed-in page has exactly one header.
 */
export function InboxEntry({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const counts = useInboxCounts();
  useLiveEvents();
  const todo = counts.data?.todo ?? 0;
  const label = todo > 0 ? t('inbox.navWithCount', { count: todo }) : t('inbox.title');
  return (
    <Button
      type="text"
      className="inbox-entry"
      data-testid="nav-inbox"
      aria-label={label}
      title={label}
      onClick={() => navigate('/inbox')}
      icon={
        <Badge count={todo} size="small" overflowCount={99} className="inbox-entry__badge">
          <AuditOutlined className="inbox-entry__icon" />
        </Badge>
      }
    >
      {compact ? null : t('inbox.title')}
    </Button>
  );
}
