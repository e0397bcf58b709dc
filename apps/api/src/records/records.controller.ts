import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordsExportService } from './records-export.service';
import { importLocale, RecordsImportService } from './records-import.service';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { objectBody } from '../common/json-body';
import { RecordsService } from './records.service';

const recordBody = { type: 'object', required: ['data'], properties: { data: { type: 'object', additionalProperties: true }, version: { type: 'integer' }, ownerId: { type: 'string', format: 'uuid' } } };
const queryBody = {
  type: 'object',
  properties: {
    filter: { type: 'object', description: 'A condition in the json-logic dialect, e.g. {"and":[{">":[{"var":"amount"},10000]}]}' },
    sort: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, dir: { enum: ['asc', 'desc'] } } } },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    after: { type: 'string', description: 'nextCursor of the previous page' },
    fields: { type: 'array', items: { type: 'string' } },
    exactTotal: { type: 'boolean' },
  },
};

@ApiTags('records')
@ApiBearerAuth()
@Controller('apps/:appKey/forms/:formKey/records')
export class RecordsController {
  constructor(private readonly records: RecordsService, private readonly exporter: RecordsExportService, private readonly importer: RecordsImportService) {}

  @Get('export')
  @ApiOperation({ summary: 'Export as CSV or XLSX (needs export): scope, hidden fields and masks apply; ?format=csv|xlsx&filter=<JSON>&lang=' })
  async export(
    @CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string,
    @Query() query: Record<string, string | undefined>, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply,
  ) {
    const req = this.exporter.parseRequestOrThrow(query, acceptLanguage);
    const { fileName, contentType } = await this.exporter.prepare(user, appKey, formKey, req);
    reply.hijack();
    reply.raw.writeHead(200, {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="export.${req.format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'no-store',
    });
    await this.exporter.write(user, appKey, formKey, req, reply.raw).catch(() => reply.raw.destroy());
  }

  @Post('import/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import, step 1 (needs import): multipart part `file` (.csv or .xlsx) -> the first rows and how the columns map to fields; writes nothing' })
  importPreview(
    @CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Req() req: FastifyRequest,
    @Query('lang') lang: string | undefined, @Headers('accept-language') acceptLanguage: string | undefined,
  ) {
    return this.importer.preview(user, appKey, formKey, req, importLocale(lang ?? acceptLanguage));
  }

  @Post('import')
  @HttpCode(202)
  @ApiOperation({ summary: 'Import records from CSV or XLSX (needs import): multipart part `file`, fields `mode` create|upsert, `matchField`, `dryRun`, `mapping` (JSON) -> 202 {"jobId"}; follow GET /api/jobs/{id}' })
  importRecords(
    @CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Req() req: FastifyRequest,
    @Query() query: Record<string, string | undefined>, @Headers('accept-language') acceptLanguage: string | undefined, @ClientIp() ip: string | null,
  ) {
    return this.importer.start(user, appKey, formKey, req, query, importLocale(query.lang ?? acceptLanguage), ip);
  }

  @Get('import/:jobId/errors.csv')
  @ApiOperation({ summary: 'The rows an import could not save, with the reason in an extra column (CSV, UTF-8 with BOM)' })
  async importErrors(
    @CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('jobId') jobId: string, @Res() reply: FastifyReply,
  ) {
    const { fileName, body } = await this.importer.errorReport(user, appKey, formKey, jobId);
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="import-errors.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('Cache-Control', 'no-store')
      .send(body);
  }

  @Post()
  @ApiOperation({ summary: 'Create a record' })
  @ApiBody({ schema: recordBody })
  create(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.records.create(user, appKey, formKey, objectBody(body), ip);
  }

  @Post('query')
  @HttpCode(200)
  @ApiOperation({ summary: 'Query records: filter, multi-field sort, keyset paging, totals' })
  @ApiBody({ schema: queryBody })
  query(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Body() body: unknown) {
    return this.records.query(user, appKey, formKey, body === undefined || body === null ? {} : objectBody(body));
  }

  @Post('trash/query')
  @HttpCode(200)
  @ApiOperation({ summary: 'Query the trash (same body as query)' })
  @ApiBody({ schema: queryBody })
  queryTrash(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Body() body: unknown) {
    return this.records.query(user, appKey, formKey, body === undefined || body === null ? {} : objectBody(body), true);
  }

  @Get(':id')
  get(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('id') id: string) {
    return this.records.get(user, appKey, formKey, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update fields; 409 RECORD_VERSION_CONFLICT when version is stale' })
  @ApiBody({ schema: recordBody })
  update(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('id') id: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.records.update(user, appKey, formKey, id, objectBody(body), ip);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Move a record to the trash' })
  async remove(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('id') id: string, @ClientIp() ip: string | null) {
    await this.records.remove(user, appKey, formKey, id, ip);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring a record back from the trash' })
  restore(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('id') id: string, @ClientIp() ip: string | null) {
    return this.records.restore(user, appKey, formKey, id, ip);
  }
}
