import { defineFileListType } from './define-file-list-type';

/** 图片: uploaded pictures `[{id, name, size, mime}]` (raster images only); stored as jsonb. */
export const imageFieldType = defineFileListType('image', { 'zh-CN': '图片', 'en-US': 'Image' }, true);
