import type { DisplayValue } from '../lib/format-value';
import { tagColorStyle } from '../lib/tag-colors';
import { isImageRef, thumbnailUrl } from './fields/file-transfer';
import { RelationTags } from './fields/relation-titles';
import './fields/field-widgets.css';

/** Thumbnails a cell has room for; the rest are counted. */
const CELL_THUMBNAILS = 3;

/**
 * A coloured label that looks like antd's Tag (filled) but is one plain element: a list shows hundreds
 * of them, and an antd Tag costs several hooks and a style registration each (P11).
 */
export function CellTag({ label, color }: { label: string; color?: string }) {
  return <span className="cell-tag cell-tag--plain" style={tagColorStyle(color)}>{label}</span>;
}

/** One formatted value: text, coloured tags, image thumbnails, related records' titles, or a dash for empty. */
export function CellValue({ display }: { display: DisplayValue }) {
  switch (display.kind) {
    case 'empty':
      return <span className="cell-empty">-</span>;
    case 'text':
      return <span className="cell-text" title={display.text}>{display.text}</span>;
    case 'tags':
      return (
        <span className="cell-tags">
          {display.tags.map((tag, index) => <CellTag key={`${tag.key}-${index}`} label={tag.label} color={tag.color} />)}
        </span>
      );
    case 'images': {
      const names = display.files.map((file) => file.name).join(', ');
      const extra = display.files.length - CELL_THUMBNAILS;
      return (
        <span className="cell-thumbs" title={names}>
          {display.files.slice(0, CELL_THUMBNAILS).map((file) =>
            isImageRef(file)
              ? <img key={file.id} className="cell-thumb" src={thumbnailUrl(file.id)} alt={file.name} loading="lazy" />
              : <span key={file.id} className="cell-text">{file.name}</span>,
          )}
          {extra > 0 && <span className="cell-thumbs__more">+{extra}</span>}
        </span>
      );
    }
    case 'records':
      return <RelationTags field={display.field} ids={display.ids} fallback={display.text} />;
  }
}
