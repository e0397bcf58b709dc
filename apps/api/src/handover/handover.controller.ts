import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { objectBody } from '../common/json-body';
import { HandoverService } from './handover.service';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('handover')
export class HandoverController {
  constructor(private readonly handover: HandoverService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: '离职交接: preview (dryRun) or move all of a leaver’s records to a successor, deactivate the leaver' })
  @ApiBody({ schema: { type: 'object', required: ['fromUserId', 'toUserId'], properties: { fromUserId: { type: 'string', format: 'uuid' }, toUserId: { type: 'string', format: 'uuid' }, dryRun: { type: 'boolean', default: true } } } })
  run(@CurrentUser() user: RequestUser, @Body() body: unknown, @ClientIp() ip: string | null) {
    return this.handover.handover(user, objectBody(body), ip);
  }
}
