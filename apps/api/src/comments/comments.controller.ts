import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { objectBody } from '../common/json-body';
import { COMMENT_MAX_LENGTH } from './comment-input';
import { CommentsService } from './comments.service';

const commentBody = {
  type: 'object',
  required: ['body'],
  properties: {
    body: { type: 'string', maxLength: COMMENT_MAX_LENGTH, description: 'Plain text' },
    mentions: { type: 'array', items: { type: 'string', format: 'uuid' }, description: 'Ids of the mentioned users; those who may read the record are notified' },
  },
};

@ApiTags('comments')
@ApiBearerAuth()
@Controller('apps/:appKey/forms/:formKey/records/:recordId/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @ApiOperation({ summary: 'Comments on a record, oldest first: {items:[{id,recordId,authorId,body,mentions,createdAt,editedAt,deletedAt}], nextCursor}; ?after=&limit=' })
  list(
    @CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('recordId') recordId: string,
    @Query('after') after?: string, @Query('limit') limit?: string,
  ) {
    return this.comments.list(user, { appKey, formKey, recordId }, { after, limit });
  }

  @Post()
  @ApiOperation({ summary: 'Comment on a record (anyone who reads it) -> 201 comment' })
  @ApiBody({ schema: commentBody })
  create(
    @CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('recordId') recordId: string,
    @Body() body: unknown, @ClientIp() ip: string | null,
  ) {
    return this.comments.create(user, { appKey, formKey, recordId }, objectBody(body), ip);
  }

  @Patch(':commentId')
  @ApiOperation({ summary: 'Edit one of my comments -> 200 comment (editedAt set)' })
  @ApiBody({ schema: commentBody })
  update(
    @CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('recordId') recordId: string,
    @Param('commentId') commentId: string, @Body() body: unknown, @ClientIp() ip: string | null,
  ) {
    return this.comments.update(user, { appKey, formKey, recordId }, commentId, objectBody(body), ip);
  }

  @Delete(':commentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a comment (its author or an administrator); it stays listed as deleted' })
  async remove(
    @CurrentUser() user: RequestUser, @Param('appKey') appKey: string, @Param('formKey') formKey: string, @Param('recordId') recordId: string,
    @Param('commentId') commentId: string, @ClientIp() ip: string | null,
  ) {
    await this.comments.remove(user, { appKey, formKey, recordId }, commentId, ip);
  }
}
