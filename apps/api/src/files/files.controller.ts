import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { KEY_REGEX } from '@platform/schema';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { validationFailed } from '../common/api-error';
import { RecordsService } from '../records/records.service';
import { contentDisposition } from './file-name';
import { FilesService, type RecordAccess, type UploadTarget } from './files.service';
import { readUploadOrThrow } from './read-upload';

const FIELD_PATH = /^[a-z][a-z0-9_]{0,62}(\.[a-z][a-z0-9_]{0,62})?$/;

/** `appKey`, `formKey` and `field` come together or not at all. */
function parseUploadTargetOrThrow(query: Record<string, string | undefined>): UploadTarget | null {
  const { appKey, formKey, field } = query;
  if (appKey === undefined && formKey === undefined && field === undefined) return null;
  const issues = (
    [['appKey', appKey, KEY_REGEX], ['formKey', formKey, KEY_REGEX], ['field', field, FIELD_PATH]] as const
  ).filter(([, value, format]) => typeof value !== 'string' || !format.test(value))
    .map(([name]) => ({ path: [name], code: 'invalid_format', message: `${name} is needed with the others (appKey, formKey, field) and must be a key` }));
  if (issues.length) throw validationFailed(issues);
  return { appKey: appKey!, formKey: formKey!, field: field! };
}

@ApiTags('files')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService, private readonly records: RecordsService) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'appKey', required: false })
  @ApiQuery({ name: 'formKey', required: false })
  @ApiQuery({ name: 'field', required: false, description: 'With appKey and formKey: the field whose options (accept, maxSizeMB) the file must meet' })
  @ApiOperation({ summary: 'Upload a file (part "file"): answers {id, name, size, mime, url}; put the ref in an image, attachment or signature field' })
  upload(@CurrentUser() user: RequestUser, @Req() req: FastifyRequest, @Query() query: Record<string, string | undefined>) {
    return this.files.upload(user, parseUploadTargetOrThrow(query), (maxBytes) => readUploadOrThrow(req, maxBytes), this.recordAccess(user));
  }

  @Get(':id')
  @ApiQuery({ name: 'thumb', required: false, description: '1: the thumbnail of a picture (WebP, at most 256 px)' })
  @ApiOperation({ summary: 'Download a file: for its uploader until a record holds it, then for whoever may read such a record and its file field' })
  async download(@CurrentUser() user: RequestUser, @Param('id') id: string, @Query('thumb') thumb: string | undefined, @Res() reply: FastifyReply) {
    const file = await this.files.openOrThrow(user, id, thumb === '1' || thumb === 'true', this.recordAccess(user));
    reply
      .header('Content-Type', file.mime)
      .header('Content-Disposition', contentDisposition(file.inline ? 'inline' : 'attachment', file.name))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, max-age=3600');
    // Whatever a non-picture contains (HTML, SVG, PDF), opened in the browser it runs nothing.
    if (!file.inline) reply.header('Content-Security-Policy', "sandbox; default-src 'none'");
    if (file.size !== null) reply.header('Content-Length', String(file.size));
    return reply.send(file.body);
  }

  private recordAccess(user: RequestUser): RecordAccess {
    return {
      canReadField: (appKey, formKey, recordId, fieldKey) => this.records.canReadField(user, appKey, formKey, recordId, fieldKey),
      fieldsOf: async (appKey, formKey) => (await this.records.context(user, appKey, formKey)).runtime.fields.map((f) => f.field),
    };
  }
}
