import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { AppPackagesService } from './app-packages.service';

@ApiTags('app packages')
@ApiBearerAuth()
@Controller()
export class AppPackagesController {
  constructor(private readonly packages: AppPackagesService) {}

  @Post('app-packages')
  @ApiOperation({ summary: 'Import or upgrade an app from an app package document' })
  @ApiBody({ schema: { type: 'object', required: ['schemaVersion', 'kind', 'packageVersion', 'app', 'forms'], properties: { schemaVersion: { type: 'integer' }, kind: { type: 'string', enum: ['app-package'] }, packageVersion: { type: 'string' }, app: { type: 'object' }, forms: { type: 'array' }, views: { type: 'array' }, roles: { type: 'array' } } } })
  importPackage(@CurrentUser() user: RequestUser, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.packages.importPackage(user, body, ip);
  }

  @Get('apps/:appKey/package')
  @ApiOperation({ summary: 'Export an app as an app package document' })
  exportPackage(@CurrentUser() user: RequestUser, @Param('appKey') appKey: string) {
    return this.packages.exportPackage(user, appKey);
  }
}
