import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { objectBody } from '../common/json-body';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first: {items:[{id,at,template,data,readAt}], nextCursor, unread}' })
  list(@CurrentUser() user: RequestUser, @Query('after') after?: string, @Query('limit') limit?: string, @Query('unread') unread?: string) {
    return this.notifications.list(user, { after, limit, unread });
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark notifications read ({ids}; without ids: all of mine) -> {unread}' })
  @ApiBody({ schema: { type: 'object', properties: { ids: { type: 'array', items: { type: 'string' } } } } })
  read(@CurrentUser() user: RequestUser, @Body() body: unknown) {
    return this.notifications.markRead(user, body === undefined || body === null ? {} : objectBody(body));
  }

  @Get('settings')
  settings(@CurrentUser() user: RequestUser) {
    return this.notifications.getSettings(user);
  }

  @Put('settings')
  @ApiOperation({ summary: 'Where my notification emails go: {email, emailEnabled}' })
  @ApiBody({ schema: { type: 'object', properties: { email: { type: 'string', nullable: true }, emailEnabled: { type: 'boolean' } } } })
  saveSettings(@CurrentUser() user: RequestUser, @Body() body: unknown) {
    return this.notifications.saveSettings(user, objectBody(body));
  }
}
