import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { notFound } from '../common/api-error';
import { isUuid } from '../common/uuid-v7';
import { Db } from '../database/database';
import type { JobStatus } from './job.entity';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(private readonly db: Db) {}

  @Get(':id')
  async get(@CurrentUser() user: RequestUser, @Param('id') id: string) {
    if (!isUuid(id)) throw notFound('Job not found');
    const job = await this.db.one<{ id: string; status: JobStatus; progress_done: number; progress_total: number; result: unknown; error: string | null; created_by: string | null }>(
      // Not the input: an import's holds every row of its file, and the wizard asks every second or two.
      `SELECT id, status, progress_done, progress_total, result, error, created_by FROM jobs WHERE id = $1`, [id]);
    if (!job || (!user.isAdmin && job.created_by !== user.id)) throw notFound('Job not found');
    // Jobs that keep a report of what failed (imports) name its URL in their result.
    const errorReportUrl = (job.result as { errorReportUrl?: unknown } | null)?.errorReportUrl;
    return { id: job.id, status: job.status, progress: { done: job.progress_done, total: job.progress_total }, result: job.result, error: job.error, errorReportUrl: typeof errorReportUrl === 'string' ? errorReportUrl : null };
  }
}
