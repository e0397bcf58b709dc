import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { Db } from '../database/database';
import { RecordsService } from '../records/records.service';
import { EventsService, type LiveEvent } from './events.service';

/** GET /api/events: Server-Sent Events of changes the user may see. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService, private readonly records: RecordsService, private readonly db: Db) {}

  @Get()
  @ApiOperation({ summary: 'Live events (text/event-stream): record.changed, job.progress' })
  stream(@CurrentUser() user: RequestUser, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(': connected\n\n');
    const send = (event: LiveEvent) => {
      const { type, ...data } = event;
      res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    // Events pass through the same permission checks as reads: the record must be readable by this user.
    // Checks are asynchronous; chaining them keeps each subscriber's events in commit order.
    let chain: Promise<void> = Promise.resolve();
    const unsubscribe = this.events.subscribe((event) => {
      chain = chain.then(async () => {
        if (event.type === 'record.changed') {
          if (await this.records.canRead(user, event.appKey, event.formKey, event.id)) send(event);
        } else {
          const job = await this.db.one<{ created_by: string | null }>(`SELECT created_by FROM jobs WHERE id = $1`, [event.jobId]);
          if (job && (user.isAdmin || job.created_by === user.id)) send(event);
        }
      }).catch(() => undefined);
    });
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }
}
