import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { Db } from '../database/database';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Db) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      await Promise.race([this.db.query('SELECT 1'), new Promise((_r, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
      return { status: 'ok', db: 'up' };
    } catch {
      reply.status(503);
      return { status: 'degraded', db: 'down' };
    }
  }
}
