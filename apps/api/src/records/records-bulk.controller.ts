import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { objectBody } from '../common/json-body';
import { RecordsBulkService } from './records-bulk.service';

const ids = { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 500 };

@ApiTags('records')
@ApiBearerAuth()
@Controller('apps/:appKey/forms/:formKey/records')
export class RecordsBulkController {
  constructor(private readonly bulk: RecordsBulkService) {}

  @Post('bulk-update')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the same values on several records, each checked as its own PATCH -> {"succeeded":[id],"failed":[{"id","status","code","message"}]}' })
  @ApiBody({ schema: { type: 'object', required: ['ids', 'data'], properties: { ids, data: { type: 'object', additionalProperties: true } } } })
  update(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.bulk.update(user, appKey, formKey, objectBody(body), ip);
  }

  @Post('bulk-delete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move several records to the trash, each checked as its own DELETE -> {"succeeded":[id],"failed":[...]}' })
  @ApiBody({ schema: { type: 'object', required: ['ids'], properties: { ids } } })
  remove(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.bulk.remove(user, appKey, formKey, objectBody(body), ip);
  }
}
