import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type MouseEvent, type ReactNode } from 'react';
import { Button, Input, Popover, Space, Tooltip } from 'antd';
import { BoldOutlined, DisconnectOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, UnderlineOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { sanitizeHtml } from '@platform/form-engine';
import { editorHtml, isAllowedLink, isBlankHtml } from '../../lib/rich-text';
import './fields.css';

/** A rich text value shown: always through the sanitiser before it becomes HTML. */
export function RichTextView({ html, id, className }: { html: string | null | undefined; id?: string; className?: string }) {
  const empty = isBlankHtml(html);
  return (
    <div
      id={id}
      className={['rich-text-view', empty ? 'rich-text-view--empty' : '', className ?? ''].filter(Boolean).join(' ')}
      data-testid="rich-text-view"
      dangerouslySetInnerHTML={{ __html: empty ? '' : sanitizeHtml(html ?? '') }}
    />
  );
}

type RichTextInputProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
  placeholder?: string;
  /** Editor height in text rows (options.rows). */
  rows?: number;
};

const escapeAttribute = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** document.execCommand: deprecated but still the one editing API every browser implements for contentEditable. */
function exec(command: string, argument?: string): void {
  if (typeof document.execCommand === 'function') document.execCommand(command, false, argument);
}

/**
 * The richText editor: a contentEditable area with a small toolbar (bold, italic, underline, lists,
 * link). It sends sanitised HTML (null when empty). Pasting inserts plain text, so foreign markup never
 * reaches the value; whatever the browser's editing produces is brought into the sanitiser's
 * allowlist (editorHtml) and sanitised before it leaves.
 */
export function RichTextInput({ id, value, onChange, disabled, placeholder, rows = 4 }: RichTextInputProps) {
  const { t } = useTranslation();
  const editorRef = useRef<HTMLDivElement | null>(null);
  // The value the editor's DOM shows: an incoming value equal to it (our own echo) leaves the caret alone.
  const shown = useRef<string>('');
  const latest = useRef<string>(value ?? '');
  const saved = useRef<Range | null>(null);
  const [empty, setEmpty] = useState(() => isBlankHtml(value));
  const [linkOpen, setLinkOpen] = useState(false);
  const [link, setLink] = useState('https://');
  const [linkInvalid, setLinkInvalid] = useState(false);

  useEffect(() => {
    latest.current = value ?? '';
  }, [value]);

  const show = (editor: HTMLDivElement, html: string) => {
    editor.innerHTML = isBlankHtml(html) ? '' : sanitizeHtml(html);
    shown.current = html;
    setEmpty(isBlankHtml(html));
  };

  // The editor is filled on mount and whenever the value changes from outside (a reload, a rule).
  const attach = useCallback((node: HTMLDivElement | null) => {
    editorRef.current = node;
    if (node) {
      node.innerHTML = isBlankHtml(latest.current) ? '' : sanitizeHtml(latest.current);
      shown.current = latest.current;
    }
  }, []);
  useEffect(() => {
    const editor = editorRef.current;
    const next = value ?? '';
    if (editor && next !== shown.current) show(editor, next);
  }, [value]);

  const emit = () => {
    const editor = editorRef.current;
    if (!editor) return;
    const raw = editorHtml(editor);
    const html = isBlankHtml(raw) ? null : sanitizeHtml(raw);
    shown.current = html ?? '';
    setEmpty(html === null);
    onChange?.(html);
  };

  const rememberSelection = () => {
    const selection = window.getSelection();
    const editor = editorRef.current;
    if (!selection || selection.rangeCount === 0 || !editor) return;
    const range = selection.getRangeAt(0);
    if (editor.contains(range.commonAncestorContainer)) saved.current = range.cloneRange();
  };

  const restoreSelection = () => {
    const selection = window.getSelection();
    if (!selection || !saved.current) return;
    selection.removeAllRanges();
    selection.addRange(saved.current);
  };

  const run = (command: string, argument?: string) => {
    const editor = editorRef.current;
    if (!editor || disabled) return;
    editor.focus();
    restoreSelection();
    exec(command, argument);
    emit();
  };

  const applyLink = () => {
    const url = link.trim();
    if (!isAllowedLink(url)) {
      setLinkInvalid(true);
      return;
    }
    const editor = editorRef.current;
    if (!editor) return;
    editor.focus();
    restoreSelection();
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.getRangeAt(0).collapsed) {
      exec('insertHTML', `<a href="${escapeAttribute(url)}">${escapeAttribute(url)}</a>`);
    } else {
      exec('createLink', url);
    }
    emit();
    setLinkOpen(false);
  };

  const keepSelection = (event: MouseEvent) => {
    // The toolbar must not take the focus (and the selection) from the editor.
    event.preventDefault();
    rememberSelection();
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    event.preventDefault();
    const text = event.clipboardData.getData('text/plain');
    if (text) exec('insertText', text);
    emit();
  };

  const tool = (key: string, icon: ReactNode, onClick: () => void) => (
    <Tooltip title={t(`form.richText.${key}`)} key={key}>
      <Button
        type="text"
        size="small"
        icon={icon}
        aria-label={t(`form.richText.${key}`)}
        disabled={disabled}
        onMouseDown={keepSelection}
        onClick={onClick}
        data-testid={`rich-text-${key}`}
      />
    </Tooltip>
  );

  return (
    <div className={`rich-text-input${disabled ? ' rich-text-input--disabled' : ''}`}>
      <div className="rich-text-input__toolbar" role="toolbar" aria-label={t('form.richText.toolbar')}>
        {tool('bold', <BoldOutlined />, () => run('bold'))}
        {tool('italic', <ItalicOutlined />, () => run('italic'))}
        {tool('underline', <UnderlineOutlined />, () => run('underline'))}
        {tool('bulletList', <UnorderedListOutlined />, () => run('insertUnorderedList'))}
        {tool('numberedList', <OrderedListOutlined />, () => run('insertOrderedList'))}
        <Popover
          open={linkOpen && !disabled}
          onOpenChange={(open) => {
            setLinkOpen(open);
            if (open) {
              setLink('https://');
              setLinkInvalid(false);
            }
          }}
          trigger="click"
          content={
            <Space.Compact>
              <Input
                value={link}
                onChange={(event) => {
                  setLink(event.target.value);
                  setLinkInvalid(false);
                }}
                onPressEnter={applyLink}
                status={linkInvalid ? 'error' : undefined}
                placeholder="https://"
                aria-label={t('form.richText.linkUrl')}
                data-testid="rich-text-link-url"
              />
              <Button type="primary" onClick={applyLink} data-testid="rich-text-link-apply">{t('form.richText.applyLink')}</Button>
            </Space.Compact>
          }
        >
          {tool('link', <LinkOutlined />, () => undefined)}
        </Popover>
        {tool('unlink', <DisconnectOutlined />, () => run('unlink'))}
      </div>
      <div
        ref={attach}
        id={id}
        className="rich-text-input__editor"
        contentEditable={!disabled}
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-disabled={disabled || undefined}
        tabIndex={disabled ? -1 : 0}
        data-empty={empty ? 'true' : undefined}
        data-placeholder={placeholder}
        data-testid="rich-text-editor"
        style={{ minHeight: `${Math.max(2, rows) * 22 + 10}px` }}
        onFocus={() => {
          // New lines as paragraphs (<p>), formatting as tags rather than style attributes.
          exec('defaultParagraphSeparator', 'p');
          exec('styleWithCSS', 'false');
        }}
        onInput={emit}
        onPaste={onPaste}
        onKeyUp={rememberSelection}
        onMouseUp={rememberSelection}
      />
    </div>
  );
}
