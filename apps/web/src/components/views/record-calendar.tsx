import { useMemo } from 'react';
import { Alert, Button, Empty, Popover, Spin } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RecordItem } from '../../api/types';
import type { RecordColumn } from '../../lib/record-columns';
import { recordValue } from '../../lib/record-columns';
import { displayText, formatFieldValue, type FormatContext } from '../../lib/format-value';
import { daysWithRecords, monthGrid, recordsByDay, todayIn, type CalendarMonth } from '../../lib/views/calendar';
import './views.css';

/** Chips shown in a day cell before "+n more". */
const CHIPS_PER_DAY = 3;

export type RecordCalendarProps = {
  /** The date, datetime or system time column the records are laid out by. */
  dateColumn: RecordColumn;
  month: CalendarMonth;
  onMonthChange: (month: CalendarMonth) => void;
  rows: RecordItem[];
  loading: boolean;
  /** More records fall in these days than were loaded. */
  truncated: boolean;
  titleColumn: RecordColumn | undefined;
  formatContext: FormatContext;
  onOpen: (record: RecordItem) => void;
  isMobile: boolean;
};

function weekdayNames(locale: string): string[] {
  // 2024-01-01 was a Monday.
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

function monthTitle({ year, month }: CalendarMonth, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month, 1)));
}

function dayTitle(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A month of records by a date field: a grid on a desktop, a list by day on a phone. */
export function RecordCalendar(props: RecordCalendarProps) {
  const { dateColumn, month, onMonthChange, rows, titleColumn, formatContext, onOpen, isMobile } = props;
  const { t } = useTranslation();
  const locale = formatContext.locale;
  const weeks = useMemo(() => monthGrid(month), [month]);
  const isDateTime = dateColumn.field.type === 'datetime';
  const byDay = useMemo(
    () => recordsByDay(rows, (record) => recordValue(record, dateColumn.key), isDateTime, formatContext.timeZone),
    [rows, dateColumn.key, isDateTime, formatContext.timeZone],
  );
  const today = todayIn(formatContext.timeZone);
  const title = (record: RecordItem) => (titleColumn ? displayText(formatFieldValue(titleColumn.field, recordValue(record, titleColumn.key), formatContext)) : '') || t('record.untitled');
  const shift = (delta: number) => onMonthChange({ year: month.year + Math.floor((month.month + delta) / 12), month: (((month.month + delta) % 12) + 12) % 12 });
  const thisMonth = () => {
    const [year, m] = today.split('-').map(Number);
    onMonthChange({ year, month: m - 1 });
  };

  const head = (
    <div className="calendar__head">
      <Button icon={<LeftOutlined />} onClick={() => shift(-1)} aria-label={t('views.calendar.previous')} data-testid="calendar-prev" />
      <span className="calendar__title" aria-live="polite" data-testid="calendar-title">{monthTitle(month, locale)}</span>
      <Button icon={<RightOutlined />} onClick={() => shift(1)} aria-label={t('views.calendar.next')} data-testid="calendar-next" />
      <Button onClick={thisMonth} data-testid="calendar-today">{t('views.calendar.today')}</Button>
      {props.loading && <Spin size="small" />}
    </div>
  );
  const notice = props.truncated ? <Alert type="info" showIcon title={t('views.calendar.truncated')} /> : null;

  if (isMobile) {
    const inMonth = weeks.flat().filter((day) => day.inMonth);
    const days = daysWithRecords(byDay, inMonth[0].date, inMonth[inMonth.length - 1].date);
    return (
      <div className="calendar" data-testid="calendar">
        {head}
        {notice}
        <div className="calendar-list" data-testid="calendar-list">
          {days.length === 0 && !props.loading && <Empty description={t('views.calendar.noRecords')} />}
          {days.map((day) => (
            <section key={day} className="calendar-list__day" aria-label={dayTitle(day, locale)}>
              <div className="calendar-list__date">{dayTitle(day, locale)}{day === today ? ` · ${t('views.calendar.today')}` : ''}</div>
              {byDay.get(day)!.map((record) => (
                <button key={record.id} type="button" className="calendar-list__item" onClick={() => onOpen(record)} data-testid="calendar-item" data-record-id={record.id}>
                  {title(record)}
                </button>
              ))}
            </section>
          ))}
        </div>
      </div>
    );
  }

  return (
    <div className="calendar" data-testid="calendar">
      {head}
      {notice}
      <div className="calendar__grid" role="grid" aria-label={monthTitle(month, locale)}>
        {weekdayNames(locale).map((name) => <div key={name} className="calendar__weekday" role="columnheader">{name}</div>)}
        {weeks.flat().map((day) => {
          const records = byDay.get(day.date) ?? [];
          const more = records.length - CHIPS_PER_DAY;
          return (
            <div
              key={day.date}
              role="gridcell"
              className={`calendar__day${day.inMonth ? '' : ' calendar__day--out'}${day.date === today ? ' calendar__day--today' : ''}`}
              data-testid={`calendar-day-${day.date}`}
            >
              <span className="calendar__day-number">{day.day}</span>
              {records.slice(0, CHIPS_PER_DAY).map((record) => (
                <button key={record.id} type="button" className="calendar__chip" title={title(record)} onClick={() => onOpen(record)} data-testid="calendar-item" data-record-id={record.id}>
                  {title(record)}
                </button>
              ))}
              {more > 0 && (
                <Popover
                  trigger="click"
                  content={(
                    <div className="calendar__more-list">
                      {records.slice(CHIPS_PER_DAY).map((record) => (
                        <button key={record.id} type="button" className="calendar__chip" onClick={() => onOpen(record)} data-testid="calendar-item" data-record-id={record.id}>
                          {title(record)}
                        </button>
                      ))}
                    </div>
                  )}
                >
                  <button type="button" className="calendar__more">{t('views.calendar.more', { count: more })}</button>
                </Popover>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
