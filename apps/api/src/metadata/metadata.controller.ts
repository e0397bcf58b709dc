import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listFieldTypes } from '@platform/form-engine';
import { ClientIp, CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { objectBody } from '../common/json-body';
import { MetadataService } from './metadata.service';

const appSchema = { type: 'object', properties: { key: { type: 'string' }, name: {}, description: {}, icon: { type: 'string' }, navigation: { type: 'array' } } };
const formSchema = { type: 'object', properties: { key: { type: 'string' }, name: {}, fields: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, type: { type: 'string' }, label: {}, required: { type: 'boolean' }, options: { type: 'object' } } } }, rules: { type: 'array' }, settings: { type: 'object' } } };

@ApiTags('metadata')
@ApiBearerAuth()
@Controller()
export class MetadataController {
  constructor(private readonly metadata: MetadataService) {}

  @Get('field-types')
  @ApiOperation({ summary: 'The field types that exist, with labels, value kind, options schema and operators' })
  fieldTypes() {
    return listFieldTypes().map((t) => ({
      type: t.type, label: t.label, valueKind: t.valueKind, options: t.optionsSchema, operators: t.operators,
      sortable: t.sortable, filterable: t.filterable, derived: t.derived ?? false, layout: t.layout ?? false,
      // What conditions may name after a dot (`address.city`), each with its own operators.
      parts: (t.parts ?? []).map((part) => ({ key: part.key, label: part.label, operators: part.operators })),
    }));
  }

  @Get('apps')
  listApps(@CurrentUser() user: RequestUser) {
    return this.metadata.listApps(user);
  }

  @Post('apps')
  @ApiBody({ schema: appSchema })
  createApp(@CurrentUser() user: RequestUser, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.metadata.createApp(user, objectBody(body), ip);
  }

  @Get('apps/:appKey')
  getApp(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string) {
    return this.metadata.getApp(user, appKey);
  }

  @Patch('apps/:appKey')
  @ApiBody({ schema: appSchema })
  updateApp(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.metadata.updateApp(user, appKey, objectBody(body), ip);
  }

  @Delete('apps/:appKey')
  @HttpCode(204)
  deleteApp(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @ClientIp() ip: string | null) {
    return this.metadata.deleteApp(user, appKey, ip);
  }

  @Get('apps/:appKey/forms')
  listForms(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string) {
    return this.metadata.listForms(user, appKey);
  }

  @Post('apps/:appKey/forms')
  @ApiOperation({ summary: 'Create a form: a real table with one typed column per field' })
  @ApiBody({ schema: formSchema })
  createForm(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.metadata.createForm(user, appKey, objectBody(body), ip);
  }

  @Post('apps/:appKey/forms/check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a form document as a save would, without saving: 200 {issues}' })
  @ApiBody({ schema: formSchema })
  checkForm(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Body() body: unknown) {
    return this.metadata.checkForm(user, appKey, objectBody(body));
  }

  @Get('apps/:appKey/forms/:formKey')
  getForm(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string) {
    return this.metadata.getForm(user, appKey, formKey);
  }

  @Patch('apps/:appKey/forms/:formKey')
  @ApiOperation({ summary: 'Change a form; a fields list is the complete new list (adds, alters, removes columns)' })
  @ApiBody({ schema: formSchema })
  updateForm(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.metadata.updateForm(user, appKey, formKey, objectBody(body), ip);
  }

  @Delete('apps/:appKey/forms/:formKey')
  @HttpCode(204)
  deleteForm(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @ClientIp() ip: string | null) {
    return this.metadata.deleteForm(user, appKey, formKey, ip);
  }
}
