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
    // Checks are asynchronous: the events that arrived meanwhile are checked together (one query per form,
    // so that a burst such as an import costs a few queries, not one per record), in commit order.
    let queue: LiveEvent[] = [];
    let draining = false;
    const jobsSeen = new Map<string, boolean>();
    const drain = async () => {
      draining = true;
      while (queue.length) {
        const batch = queue;
        queue = [];
        try {
          const ids = new Map<string, { appKey: string; formKey: string; ids: string[] }>();
          for (const event of batch) {
            if (event.type !== 'record.changed') continue;
            const key = `${event.appKey}/${event.formKey}`;
            const group = ids.get(key) ?? { appKey: event.appKey, formKey: event.formKey, ids: [] };
            group.ids.push(event.id);
            ids.set(key, group);
          }
          const readable = new Map<string, Set<string>>();
          for (const [key, group] of ids) readable.set(key, await this.records.readableIds(user, group.appKey, group.formKey, group.ids));
          for (const event of batch) {
            if (event.type === 'record.changed') {
              if (readable.get(`${event.appKey}/${event.formKey}`)?.has(event.id)) send(event);
              continue;
            }
            if (!jobsSeen.has(event.jobId)) {
              const job = await this.db.one<{ created_by: string | null }>(`SELECT created_by FROM jobs WHERE id = $1`, [event.jobId]);
              jobsSeen.set(event.jobId, !!job && (user.isAdmin || job.created_by === user.id));
            }
            if (jobsSeen.get(event.jobId)) send(event);
          }
        } catch {
          // A check that failed drops its events, as a record the user may not read.
        }
      }
      draining = false;
    };
    const unsubscribe = this.events.subscribe((event) => {
      queue.push(event);
      if (!draining) void drain();
    });
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }
}
