import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { Button, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../api/types';
import { fileRefsOf, fileUrl, type UploadTarget } from './file-transfer';
import { useUploads } from './use-uploads';
import './field-widgets.css';

type SignaturePadInputProps = {
  id?: string;
  value?: FileRef | null;
  onChange?: (value: FileRef | null) => void;
  target: UploadTarget;
  disabled?: boolean;
  isMobile?: boolean;
};

const INK = '#1f1f1f';
const PAPER = '#ffffff';
const PAD_HEIGHT = 180;
const PHONE_PAD_HEIGHT = 220;

/** The pad's drawing as a PNG (a white background, so it reads on any page and thumbnail). */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The signature could not be read'))), 'image/png');
  });
}

/**
 * A pointer event's point in the pad's drawing units (CSS pixels of the size the bitmap was made for):
 * right even when the element was resized since (a drawer still opening, a tab shown later).
 */
function localPoint(canvas: HTMLCanvasElement, event: { clientX: number; clientY: number }) {
  const rect = canvas.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  const scaleX = rect.width > 0 ? canvas.width / ratio / rect.width : 1;
  const scaleY = rect.height > 0 ? canvas.height / ratio / rect.height : 1;
  return { x: (event.clientX - rect.left) * scaleX, y: (event.clientY - rect.top) * scaleY };
}

/**
 * 手写签名: a pad drawn on with any pointer (mouse, pen, finger: `touch-action: none` keeps a phone from
 * scrolling while signing), cleared or confirmed; confirming uploads the drawing as a PNG and the
 * value becomes that file. A stored signature shows as an image with a button to sign again.
 */
export function SignaturePadInput({ id, value, onChange, target, disabled, isMobile }: SignaturePadInputProps) {
  const { t } = useTranslation();
  const current = fileRefsOf(value)[0] ?? null;
  const [editing, setEditing] = useState(false);
  const [hasInk, setHasInk] = useState(false);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stroke = useRef<{ pointerId: number } | null>(null);
  const inked = useRef(false);
  const { pending, failures, setFailures, start } = useUploads(target);
  const uploading = pending.length > 0;
  const showPad = !disabled && (editing || !current);
  const height = isMobile ? PHONE_PAD_HEIGHT : PAD_HEIGHT;

  const context = () => canvasRef.current?.getContext('2d') ?? null;

  /** Sizes the bitmap to the element (sharp on high-DPI screens) and paints it blank. */
  const resetPad = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.getBoundingClientRect().width || canvas.parentElement?.clientWidth || 320;
    canvas.width = Math.max(1, Math.round(width * ratio));
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.fillStyle = PAPER;
      ctx.fillRect(0, 0, width, height);
      ctx.lineWidth = 2.5;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = INK;
    }
    inked.current = false;
    setHasInk(false);
  }, [height]);

  useEffect(() => {
    if (!showPad) return;
    resetPad();
    // While it is blank the bitmap follows the element's size (a drawer opening, a phone turned sideways).
    const canvas = canvasRef.current;
    if (!canvas || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (!stroke.current && !inked.current) resetPad();
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [showPad, resetPad]);

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const canvas = canvasRef.current;
    const ctx = context();
    if (!canvas || !ctx || uploading || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    canvas.setPointerCapture?.(event.pointerId);
    const { x, y } = localPoint(canvas, event);
    ctx.beginPath();
    ctx.moveTo(x, y);
    // A tap leaves a dot.
    ctx.lineTo(x + 0.1, y + 0.1);
    ctx.stroke();
    stroke.current = { pointerId: event.pointerId };
    inked.current = true;
    setHasInk(true);
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const canvas = canvasRef.current;
    const ctx = context();
    if (!canvas || !ctx || stroke.current?.pointerId !== event.pointerId) return;
    event.preventDefault();
    // Fast strokes: the points the browser merged into this event, for a smooth line.
    const points = event.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const point of points.length > 0 ? points : [event]) {
      const { x, y } = localPoint(canvas, point);
      ctx.lineTo(x, y);
    }
    ctx.stroke();
  };

  const endStroke = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (stroke.current?.pointerId !== event.pointerId) return;
    stroke.current = null;
    canvasRef.current?.releasePointerCapture?.(event.pointerId);
  };

  const confirm = async () => {
    const canvas = canvasRef.current;
    if (!canvas || !hasInk) return;
    setFailures([]);
    const blob = await canvasToPng(canvas);
    start(new File([blob], 'signature.png', { type: 'image/png' }), 'signature.png', (ref) => {
      setEditing(false);
      onChange?.(ref);
    });
  };

  return (
    <div id={id} className="signature-pad" data-testid="signature-pad">
      {showPad ? (
        <>
          <div className="signature-pad__paper">
            <canvas
              ref={canvasRef}
              className="signature-pad__canvas"
              style={{ height }}
              aria-label={t('form.signature.hint')}
              role="img"
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={endStroke}
              onPointerCancel={endStroke}
              data-testid="signature-canvas"
            />
            {!hasInk && <span className="signature-pad__hint">{t('form.signature.hint')}</span>}
          </div>
          {uploading && <Progress percent={pending[0].percent} size="small" data-testid="signature-progress" />}
          <Space wrap className="signature-pad__actions">
            <Button onClick={resetPad} disabled={!hasInk || uploading} data-testid="signature-clear">{t('form.signature.clear')}</Button>
            {current && <Button onClick={() => setEditing(false)} disabled={uploading} data-testid="signature-cancel">{t('common.cancel')}</Button>}
            <Button type="primary" onClick={() => void confirm()} disabled={!hasInk} loading={uploading} data-testid="signature-confirm">
              {t('form.signature.confirm')}
            </Button>
          </Space>
        </>
      ) : current ? (
        <div className="signature-pad__stored">
          <img src={fileUrl(current.id)} alt={t('form.signature.alt')} className="signature-pad__image" data-testid="signature-image" />
          {!disabled && (
            <Space wrap>
              <Button size="small" onClick={() => setEditing(true)} data-testid="signature-resign">{t('form.signature.resign')}</Button>
              <Button size="small" danger onClick={() => onChange?.(null)} data-testid="signature-remove">{t('form.signature.remove')}</Button>
            </Space>
          )}
        </div>
      ) : (
        <span className="cell-empty">-</span>
      )}
      {failures.length > 0 && (
        <div className="file-upload__errors" role="alert" data-testid="file-upload-errors">
          {failures.map((message, index) => <Typography.Text key={`${index}-${message}`} type="danger">{message}</Typography.Text>)}
        </div>
      )}
    </div>
  );
}
