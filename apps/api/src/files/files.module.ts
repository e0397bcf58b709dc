import { Module } from '@nestjs/common';
import { CoreModule, SETTINGS } from '../common/core.module';
import type { Settings } from '../common/settings';
import { createFileStorage, FILE_STORAGE } from './file-storage';
import { FilesService } from './files.service';

/**
 * Uploaded files and their holders. RecordsModule imports it to check and record the files a write
 * puts in image, attachment and signature fields; FilesController (which needs RecordsService to decide
 * who may download) is declared where RecordsService is provided.
 */
@Module({
  imports: [CoreModule],
  providers: [{ provide: FILE_STORAGE, useFactory: (settings: Settings) => createFileStorage(settings), inject: [SETTINGS] }, FilesService],
  exports: [FilesService, FILE_STORAGE],
})
export class FilesModule {}
