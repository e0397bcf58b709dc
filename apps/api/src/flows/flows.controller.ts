import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ClientIp } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { objectBody } from '../common/json-body';
import { FlowsService } from './flows.service';

const flowSchema = { type: 'object', properties: { key: { type: 'string' }, name: {}, formKey: { type: 'string' }, nodes: { type: 'array', items: { type: 'object' } } } };

@ApiTags('flows')
@ApiBearerAuth()
@Controller()
export class FlowsController {
  constructor(private readonly flows: FlowsService) {}

  @Get('apps/:appKey/flows')
  list(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string) {
    return this.flows.listDefinitions(user, appKey);
  }

  @Post('apps/:appKey/flows')
  @ApiOperation({ summary: 'Create a flow (publishes version 1)' })
  @ApiBody({ schema: flowSchema })
  create(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.flows.saveDefinition(user, appKey, null, objectBody(body), ip);
  }

  @Get('apps/:appKey/flows/:flowKey')
  get(@Param('appKey') appKey: string, @Param('flowKey') flowKey: string) {
    return this.flows.getDefinition(appKey, flowKey);
  }

  @Put('apps/:appKey/flows/:flowKey')
  @ApiOperation({ summary: 'Save a flow: publishes a new version; running instances finish on theirs' })
  @ApiBody({ schema: flowSchema })
  save(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('flowKey') flowKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.flows.saveDefinition(user, appKey, flowKey, objectBody(body), ip);
  }

  @Post('apps/:appKey/forms/:formKey/records/:id/flow')
  @ApiOperation({ summary: 'Start a flow on a record; its first tasks exist when this returns' })
  @ApiBody({ schema: { type: 'object', required: ['flowKey'], properties: { flowKey: { type: 'string' }, picks: { type: 'object' } } } })
  start(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('id') id: string, @Body() body: unknown) {
    return this.flows.start(user, appKey, formKey, id, objectBody(body));
  }

  @Get('apps/:appKey/forms/:formKey/records/:id/flow')
  instance(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('id') id: string) {
    return this.flows.getForRecord(user, appKey, formKey, id);
  }

  @Get('tasks')
  @ApiOperation({ summary: 'The inbox: box=todo|done|started|cc' })
  tasks(@CurrentUser() user: RequestUser, @Query('box') box?: string, @Query('after') after?: string, @Query('limit') limit?: string) {
    return this.flows.inbox(user, box, after, limit);
  }

  @Post('tasks/:id/actions')
  @HttpCode(200)
  @ApiOperation({ summary: 'approve | reject | return | resubmit | transfer | delegate | addSigner | remind | comment' })
  @ApiBody({ schema: { type: 'object', required: ['action'], properties: { action: { type: 'string' }, comment: { type: 'string' }, toUserId: { type: 'string' }, toNodeKey: { type: 'string' }, position: { enum: ['before', 'after'] }, data: { type: 'object' } } } })
  act(@CurrentUser() user: RequestUser, @Param('id') id: string, @Body() body: unknown) {
    return this.flows.act(user, id, objectBody(body));
  }

  @Post('flow-instances/:id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentUser() user: RequestUser, @Param('id') id: string, @Body() body: unknown) {
    return this.flows.withdraw(user, id, body === undefined || body === null ? {} : objectBody(body));
  }
}
