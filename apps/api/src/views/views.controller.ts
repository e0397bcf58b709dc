import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { objectBody } from '../common/json-body';
import { ViewsService } from './views.service';

const viewBody = {
  type: 'object',
  properties: {
    key: { type: 'string', description: 'optional on create: generated when absent; never changes' },
    name: { description: 'a string or a map by locale' },
    type: { enum: ['table', 'kanban', 'calendar', 'cards'] },
    columns: { type: 'array', items: { type: 'string' } },
    sort: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, dir: { enum: ['asc', 'desc'] } } } },
    filter: { type: 'object', nullable: true, description: 'a condition in the json-logic dialect' },
    groupField: { type: 'string', description: 'kanban: select/radio; calendar: date/datetime; table: optional select/radio' },
    columnWidths: { type: 'object', additionalProperties: { type: 'integer', minimum: 40, maximum: 1200 } },
    frozenColumns: { type: 'integer', minimum: 0, maximum: 5 },
    personal: { type: 'boolean', default: true, description: 'false shares the view with every reader of the form (needs manage)' },
  },
};

@ApiTags('views')
@ApiBearerAuth()
@Controller('apps/:appKey/forms/:formKey/views')
export class ViewsController {
  constructor(private readonly views: ViewsService) {}

  @Get()
  @ApiOperation({ summary: "The form's saved views: shared ones, then the caller's personal ones" })
  list(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string) {
    return this.views.list(user, appKey, formKey);
  }

  @Post()
  @ApiOperation({ summary: 'Save a view: personal by any reader, shared (personal:false) only by those who manage the form' })
  @ApiBody({ schema: viewBody })
  create(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.views.create(user, appKey, formKey, objectBody(body), ip);
  }

  @Get(':viewKey')
  get(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('viewKey') viewKey: string) {
    return this.views.get(user, appKey, formKey, viewKey);
  }

  @Patch(':viewKey')
  @ApiOperation({ summary: 'Change a view (partial; null clears a property): its owner, or a designer for a shared view' })
  @ApiBody({ schema: viewBody })
  update(
    @CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('viewKey') viewKey: string,
    @Body() body: unknown, @ClientIp() ip: string | null,
  ) {
    return this.views.update(user, appKey, formKey, viewKey, objectBody(body), ip);
  }

  @Delete(':viewKey')
  @HttpCode(204)
  async remove(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('viewKey') viewKey: string, @ClientIp() ip: string | null) {
    await this.views.remove(user, appKey, formKey, viewKey, ip);
  }
}
