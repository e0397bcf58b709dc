import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { validationFailed } from '../common/api-error';
import { objectBody } from '../common/json-body';
import { AppDraftsService } from './app-drafts.service';

const appDraftSchema = { type: 'object', properties: { name: {}, description: {}, icon: { type: 'string' }, navigation: { type: 'array' } } };

/** Forms to publish: absent for everything the app has waiting. */
function formKeysOf(body: Record<string, unknown>): string[] | null {
  if (body.forms === undefined) return null;
  if (!Array.isArray(body.forms) || body.forms.length === 0 || body.forms.some((k) => typeof k !== 'string')) {
    throw validationFailed([{ path: ['forms'], code: 'type', message: 'forms must be a non-empty list of form keys' }]);
  }
  return [...new Set(body.forms as string[])];
}

@ApiTags('metadata')
@ApiBearerAuth()
@Controller('apps/:appKey')
export class AppDraftsController {
  constructor(private readonly drafts: AppDraftsService) {}

  @Get('draft')
  @ApiOperation({ summary: 'Unpublished changes: the app builder\'s (name, icon, navigation) and each form draft' })
  appDraft(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string) {
    return this.drafts.drafts(user, appKey);
  }

  @Put('draft')
  @ApiOperation({ summary: 'Keep app changes (name, description, icon, navigation) unpublished' })
  @ApiBody({ schema: appDraftSchema })
  saveAppDraft(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.drafts.saveAppDraft(user, appKey, objectBody(body), ip);
  }

  @Delete('draft')
  @HttpCode(204)
  discardAppDraft(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @ClientIp() ip: string | null) {
    return this.drafts.discardAppDraft(user, appKey, ip);
  }

  @Delete('drafts')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard every unpublished change of the app: the app builder\'s and each form draft, in one transaction' })
  discardAllDrafts(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @ClientIp() ip: string | null) {
    return this.drafts.discardAllDrafts(user, appKey, ip);
  }

  @Post('publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the app: every form draft (or those named in `forms`) and the app builder\'s changes, in one transaction' })
  publish(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.drafts.publish(user, appKey, formKeysOf(body === undefined || body === null ? {} : objectBody(body)), ip);
  }

  @Get('forms/:formKey/draft')
  formDraft(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string) {
    return this.drafts.formDraft(user, appKey, formKey);
  }

  @Put('forms/:formKey/draft')
  @ApiOperation({ summary: 'Keep a form document as a draft: no table change, invisible to users until published' })
  saveFormDraft(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.drafts.saveFormDraft(user, appKey, formKey, objectBody(body), ip);
  }

  @Delete('forms/:formKey/draft')
  @HttpCode(204)
  discardFormDraft(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @ClientIp() ip: string | null) {
    return this.drafts.discardFormDraft(user, appKey, formKey, ip);
  }

  @Post('forms/:formKey/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish one form\'s draft' })
  publishForm(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @ClientIp() ip: string | null) {
    return this.drafts.publish(user, appKey, [formKey], ip);
  }
}
