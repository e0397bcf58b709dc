import { defineFileListType } from './define-file-list-type';

/** 附件: uploaded files of any type the options accept, `[{id, name, size, mime}]`; stored as jsonb. */
export const attachmentFieldType = defineFileListType('attachment', { 'zh-CN': '附件', 'en-US': 'Attachment' }, false);
