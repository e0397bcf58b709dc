import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { changeLocale } from '../../i18n';
import { FakeXhr } from './fake-xhr';
import { SignaturePadInput } from './signature-pad-input';

/** happy-dom has no canvas drawing: a 2D context that records the path drawn. */
function recordingContext() {
  const calls: string[] = [];
  const context = {
    calls,
    setTransform: () => undefined,
    fillRect: () => calls.push('fillRect'),
    beginPath: () => calls.push('beginPath'),
    moveTo: (x: number, y: number) => calls.push(`moveTo ${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`lineTo ${Math.round(x)},${Math.round(y)}`),
    stroke: () => calls.push('stroke'),
  };
  return context;
}

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let context: ReturnType<typeof recordingContext>;

beforeEach(async () => {
  await changeLocale('zh-CN');
  FakeXhr.reset();
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  context = recordingContext();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => context as unknown as CanvasRenderingContext2D);
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function toBlob(callback: BlobCallback, type?: string) {
    callback(new Blob([PNG_BYTES], { type: type ?? 'image/png' }));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('SignaturePadInput', () => {
  it('draws with pointer events and uploads the drawing as a PNG file', async () => {
    const onChange = vi.fn();
    render(<SignaturePadInput target={{ appKey: 'crm', formKey: 'contract', field: 'sign' }} onChange={onChange} isMobile />);
    const canvas = screen.getByTestId('signature-canvas');
    // Nothing drawn: nothing to confirm.
    expect(screen.getByTestId('signature-confirm').hasAttribute('disabled')).toBe(true);

    // A finger stroke (touch pointer), as on a phone.
    fireEvent.pointerDown(canvas, { pointerId: 7, pointerType: 'touch', clientX: 10, clientY: 20 });
    fireEvent.pointerMove(canvas, { pointerId: 7, pointerType: 'touch', clientX: 60, clientY: 40 });
    fireEvent.pointerMove(canvas, { pointerId: 7, pointerType: 'touch', clientX: 120, clientY: 30 });
    fireEvent.pointerUp(canvas, { pointerId: 7, pointerType: 'touch', clientX: 120, clientY: 30 });
    // Another pointer moving afterwards draws nothing.
    fireEvent.pointerMove(canvas, { pointerId: 8, pointerType: 'touch', clientX: 5, clientY: 5 });
    expect(context.calls).toContain('moveTo 10,20');
    expect(context.calls).toContain('lineTo 60,40');
    expect(context.calls).toContain('lineTo 120,30');
    expect(context.calls).not.toContain('lineTo 5,5');

    fireEvent.click(screen.getByTestId('signature-confirm'));
    await waitFor(() => expect(FakeXhr.requests).toHaveLength(1));
    const request = FakeXhr.requests[0];
    expect(request.url).toBe('/api/files?appKey=crm&formKey=contract&field=sign');
    const file = request.file();
    expect(file.name).toBe('signature.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer()).slice(0, 8)).toEqual(PNG_BYTES);

    act(() => request.respond(201, { id: 's1', name: 'signature.png', size: 8, mime: 'image/png', url: '/api/files/s1' }));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith({ id: 's1', name: 'signature.png', size: 8, mime: 'image/png' }));
  });

  it('shows a stored signature, which can be signed again or removed', () => {
    const onChange = vi.fn();
    render(<SignaturePadInput target={{}} value={{ id: 's1', name: 'signature.png', size: 8, mime: 'image/png' }} onChange={onChange} />);
    expect(screen.getByTestId('signature-image').getAttribute('src')).toBe('/api/files/s1');
    expect(screen.queryByTestId('signature-canvas')).toBeNull();
    fireEvent.click(screen.getByTestId('signature-resign'));
    expect(screen.getByTestId('signature-canvas')).toBeTruthy();
    fireEvent.click(screen.getByTestId('signature-cancel'));
    expect(screen.getByTestId('signature-image')).toBeTruthy();
    fireEvent.click(screen.getByTestId('signature-remove'));
    expect(onChange).toHaveBeenCalledWith(null);
  });
});
