import { Tag } from 'antd';
import type { DisplayValue } from '../lib/format-value';

/** One formatted value: text, coloured tags, or a dash for empty. */
export function CellValue({ display }: { display: DisplayValue }) {
  switch (display.kind) {
    case 'empty':
      return <span className="cell-empty">-</span>;
    case 'text':
      return <span className="cell-text" title={display.text}>{display.text}</span>;
    case 'tags':
      return (
        <span className="cell-tags">
          {display.tags.map((tag, index) => (
            <Tag key={`${tag.key}-${index}`} color={tag.color} className="cell-tag">
              {tag.label}
            </Tag>
          ))}
        </span>
      );
  }
}
