import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { FileRef } from '../../api/types';
import { errorMessage } from '../../lib/api-errors';
import { isAbort, uploadFile, type UploadTarget } from './file-transfer';

export type PendingUpload = { uid: string; name: string; percent: number };

let uploadCounter = 0;

/** Uploads running per form field (`formKey/field`): a record saved meanwhile would lose those files. */
const running = new Map<string, number>();
const runningKey = (target: UploadTarget) => (target.formKey && target.field ? `${target.formKey}/${target.field}` : null);

function countRunning(key: string | null, delta: 1 | -1) {
  if (!key) return;
  const count = (running.get(key) ?? 0) + delta;
  if (count > 0) running.set(key, count);
  else running.delete(key);
}

/** Whether files are still being uploaded into this field of this form. */
export function uploadsRunning(formKey: string, field: string): boolean {
  return (running.get(`${formKey}/${field}`) ?? 0) > 0;
}

/**
 * Uploads in flight for one input: their progress, and the server's message when one is refused.
 * Uploads still running when the input goes away are aborted.
 */
export function useUploads(target: UploadTarget) {
  const { t, i18n } = useTranslation();
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const [failures, setFailures] = useState<string[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const inFlight = controllers.current;
    return () => inFlight.forEach((controller) => controller.abort());
  }, []);

  const start = useCallback(
    (file: Blob, name: string, onUploaded: (ref: FileRef) => void) => {
      uploadCounter += 1;
      const uid = `upload-${uploadCounter}`;
      const controller = new AbortController();
      controllers.current.set(uid, controller);
      setPending((list) => [...list, { uid, name, percent: 0 }]);
      const key = runningKey(target);
      countRunning(key, 1);
      const done = () => {
        countRunning(key, -1);
        controllers.current.delete(uid);
        setPending((list) => list.filter((item) => item.uid !== uid));
      };
      uploadFile(file, name, {
        target,
        language: i18n.language,
        signal: controller.signal,
        onProgress: (percent) => setPending((list) => list.map((item) => (item.uid === uid ? { ...item, percent } : item))),
      }).then(
        (ref) => {
          done();
          onUploaded(ref);
        },
        (error: unknown) => {
          if (isAbort(error)) {
            countRunning(key, -1);
            return;
          }
          done();
          // The server's own message (size, type, count refused by the field's limits) is the most precise.
          // A network failure has no server message: the app's own wording then.
          const translate = (messageKey: string, fallback: string) => t(messageKey, { defaultValue: fallback });
          const reason = isApiError(error)
            ? (error.status > 0 && error.message) || errorMessage(error, translate)
            : String(error);
          setFailures((list) => [...list, t('form.files.failed', { name, message: reason })]);
        },
      );
    },
    [target, i18n.language, t],
  );

  return { pending, failures, setFailures, start };
}
